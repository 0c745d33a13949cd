import Link from "next/link";
import { formatCount } from "@/components/ui/format";

/** One headline number; the whole card links to the list it summarises (when there is one). */
export function StatCard({
  label,
  value,
  href,
  hint,
  tone = "default",
}: {
  label: string;
  value: number;
  href?: string;
  hint?: React.ReactNode;
  /** "attention" when a non-zero value means someone should look (backlog, failures). */
  tone?: "default" | "attention";
}) {
  const attention = tone === "attention" && value > 0;
  const className = `group block rounded-lg border bg-white px-4 py-3 shadow-xs ${href ? "hover:border-zinc-300" : ""} ${
    attention ? "border-amber-300" : "border-zinc-200"
  }`;
  const body = (
    <>
      <p className="text-xs font-medium text-zinc-500 group-hover:text-zinc-700">{label}</p>
      <p className={`mt-1 text-2xl font-semibold tabular-nums ${attention ? "text-amber-700" : "text-zinc-900"}`}>{formatCount(value)}</p>
      {hint ? <p className="mt-0.5 text-xs text-zinc-500">{hint}</p> : null}
    </>
  );
  return href ? (
    <Link href={href} className={className}>
      {body}
    </Link>
  ) : (
    <div className={className}>{body}</div>
  );
}
