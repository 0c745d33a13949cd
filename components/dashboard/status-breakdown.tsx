import Link from "next/link";
import type { StatusCount } from "@/lib/console/get-dashboard-stats";
import { StatusBadge } from "@/components/ui/badge";
import type { StatusSubject } from "@/lib/domain/status/catalogs";
import { formatCount } from "@/components/ui/format";

/** Counts per status, each linking to the list filtered by that status. */
export function StatusBreakdown({
  subject,
  label,
  counts,
  hrefFor,
  emptyText,
}: {
  subject: StatusSubject;
  label: string;
  counts: StatusCount[];
  hrefFor: (status: string) => string;
  emptyText: string;
}) {
  if (counts.length === 0) return <p className="text-sm text-zinc-500">{emptyText}</p>;
  return (
    <ul aria-label={label} className="divide-y divide-zinc-100">
      {counts.map((c) => (
        <li key={c.status}>
          <Link href={hrefFor(c.status)} className="flex items-center justify-between gap-3 py-1.5 hover:bg-zinc-50">
            <StatusBadge subject={subject} status={c.status} />
            <span className="text-sm font-medium text-zinc-900 tabular-nums">{formatCount(c.count)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
