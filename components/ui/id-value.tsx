import { CopyButton } from "@/components/ui/copy-button";
import { Mono } from "@/components/ui/mono";

/** A monospace id with a copy button, for detail pages. */
export function IdValue({
  value,
  label,
  className,
  placeholder = "—",
}: {
  value: string | null | undefined;
  label: string;
  className?: string;
  placeholder?: string;
}) {
  if (!value) return <span className="text-zinc-500">{placeholder}</span>;
  return (
    <span className="inline-flex max-w-full min-w-0 items-center">
      <Mono value={value} className={className ?? "max-w-full"} />
      <CopyButton value={value} label={label} />
    </span>
  );
}
