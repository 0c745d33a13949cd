import type { ColumnDef } from "@tanstack/react-table";
import type { RiskDecisionRow } from "@/lib/server/risk/list-risk-decisions";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { Mono } from "@/components/ui/mono";
import { TextLink } from "@/components/ui/text-link";

// Column ids of sortable columns equal the server's sort keys (lib/server/risk/list-risk-decisions.ts).
export const riskDecisionsColumns: ColumnDef<RiskDecisionRow>[] = [
  {
    accessorKey: "createdAt",
    header: "Time",
    sortDescFirst: true,
    cell: ({ row }) => (
      <TextLink href={`/risk/decisions/${row.original.id}`} className="font-normal">
        <DateTime value={row.original.createdAt} />
      </TextLink>
    ),
  },
  {
    accessorKey: "decision",
    header: "Decision",
    cell: ({ row }) => <StatusBadge status={row.original.decision} />,
  },
  {
    id: "reason",
    header: "Reason",
    cell: ({ row }) => (
      <span className="flex min-w-0 items-center gap-1.5">
        <Badge tone={row.original.decision === "ok" ? "neutral" : "warning"}>{row.original.reasonCode || "—"}</Badge>
        <span className="block max-w-[20rem] truncate text-xs text-zinc-600" title={row.original.reasonDetail}>
          {row.original.reasonDetail}
        </span>
      </span>
    ),
  },
  {
    id: "requestId",
    header: "Request id",
    cell: ({ row }) =>
      row.original.requestId ? (
        <TextLink href={`/transactions?q=${encodeURIComponent(row.original.requestId)}`} className="font-normal">
          <Mono value={row.original.requestId} className="max-w-[11rem]" />
        </TextLink>
      ) : (
        <span className="text-zinc-400">—</span>
      ),
  },
  {
    id: "coboTransactionId",
    header: "Cobo transaction id",
    cell: ({ row }) => <Mono value={row.original.coboTransactionId} className="max-w-[11rem]" />,
  },
  {
    accessorKey: "signatureResult",
    header: "Signature",
    cell: ({ row }) => <StatusBadge status={row.original.signatureResult} />,
  },
];
