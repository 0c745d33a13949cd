import type { ColumnDef } from "@tanstack/react-table";
import type { RiskDecisionRow } from "@/lib/console/list-risk-decisions";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { DateTime } from "@/components/ui/date-time";
import { IdValue } from "@/components/ui/id-value";
import { Mono } from "@/components/ui/mono";
import { TextLink } from "@/components/ui/text-link";
import { RiskStageLabel } from "@/components/risk/risk-decision-labels";

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
    cell: ({ row }) => <StatusBadge subject="risk_decision" status={row.original.decision} />,
  },
  {
    id: "stage",
    header: "Stage",
    cell: ({ row }) => <RiskStageLabel stage={row.original.stage} />,
  },
  {
    id: "reason",
    header: "Reason",
    cell: ({ row }) => (
      <span className="flex min-w-0 items-center gap-1.5">
        <Badge tone={row.original.decision === "ok" ? "neutral" : "warning"}>{row.original.reasonCode || "—"}</Badge>
        <span className="block max-w-[14rem] truncate text-xs text-zinc-600" title={row.original.reasonDetail}>
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
        <span className="inline-flex items-center">
          <TextLink href={`/transactions?q=${encodeURIComponent(row.original.requestId)}`} className="font-normal">
            <Mono value={row.original.requestId} className="max-w-[8rem]" />
          </TextLink>
          <CopyButton value={row.original.requestId} label="request id" />
        </span>
      ) : (
        <span className="text-zinc-500">—</span>
      ),
  },
  {
    id: "coboTransactionId",
    header: "Cobo transaction id",
    cell: ({ row }) => <IdValue value={row.original.coboTransactionId} label="Cobo transaction id" className="max-w-[8rem]" />,
  },
  {
    accessorKey: "signatureResult",
    header: "Signature",
    cell: ({ row }) => <StatusBadge subject="signature" status={row.original.signatureResult} />,
  },
];
