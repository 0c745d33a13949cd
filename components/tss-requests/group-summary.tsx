import type { TssRequestGroupView } from "@/lib/console/get-tss-request-detail";
import { StatusBadge } from "@/components/ui/badge";
import { IdValue } from "@/components/ui/id-value";
import { PENDING_AT_COBO } from "@/components/ui/mono";

/** A source or target key share holder group of a TSS request, in one compact block. */
export function GroupSummary({ title, group, emptyText }: { title: string; group: TssRequestGroupView | null; emptyText: string }) {
  return (
    <div className="min-w-0 rounded-md border border-zinc-200 px-3 py-2.5">
      <h3 className="text-xs font-medium text-zinc-500">{title}</h3>
      {group ? (
        <div className="mt-1 space-y-1.5">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium text-zinc-900">{group.groupType}</span>
            <span className="text-xs text-zinc-600 tabular-nums">
              {group.threshold}-of-{group.participants}
            </span>
            <StatusBadge subject="group" status={group.status} />
            <StatusBadge subject="group_lifecycle" status={group.lifecycle} />
          </div>
          <IdValue value={group.coboGroupId} label={`${title} id`} placeholder={PENDING_AT_COBO} />
        </div>
      ) : (
        <p className="mt-1 text-sm text-zinc-500">{emptyText}</p>
      )}
    </div>
  );
}
