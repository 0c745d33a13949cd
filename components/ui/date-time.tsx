import { formatUtc } from "@/components/ui/format";

/** A UTC timestamp; the full ISO value is in the tooltip and the machine-readable attribute. */
export function DateTime({ value, precision = "s" }: { value: string | null | undefined; precision?: "s" | "ms" }) {
  if (!value) return <span className="text-zinc-400">—</span>;
  return (
    <time dateTime={value} title={value} className="whitespace-nowrap tabular-nums">
      {formatUtc(value, precision)}
    </time>
  );
}
