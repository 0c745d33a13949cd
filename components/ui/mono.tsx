/**
 * Ids, hashes and addresses: monospace, truncated with CSS so the DOM (and copy/paste, and
 * find-in-page) keeps the whole value; the tooltip shows it in full too.
 */
export function Mono({
  value,
  className = "max-w-[16rem]",
  placeholder = "—",
}: {
  value: string | null | undefined;
  /** Width limit for truncation; pass "" to never truncate. */
  className?: string;
  /** Shown when there is no value, e.g. "pending at Cobo" for a Cobo id not assigned yet. */
  placeholder?: string;
}) {
  if (value === null || value === undefined || value === "") return <span className="text-zinc-500">{placeholder}</span>;
  return (
    <span title={value} className={`inline-block truncate align-bottom font-mono text-[0.75rem] ${className}`}>
      {value}
    </span>
  );
}

/** What a Cobo id shows while the create call to Cobo is still in flight (the row is written first). */
export const PENDING_AT_COBO = "pending at Cobo";
