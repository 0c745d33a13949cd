/**
 * Ids, hashes and addresses: monospace, truncated with CSS so the DOM (and copy/paste, and
 * find-in-page) keeps the whole value; the tooltip shows it in full too.
 */
export function Mono({
  value,
  className = "max-w-[16rem]",
}: {
  value: string | null | undefined;
  /** Width limit for truncation; pass "" to never truncate. */
  className?: string;
}) {
  if (value === null || value === undefined || value === "") return <span className="text-zinc-400">—</span>;
  return (
    <span title={value} className={`inline-block truncate align-bottom font-mono text-[0.75rem] ${className}`}>
      {value}
    </span>
  );
}
