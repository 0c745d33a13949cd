import type { ColumnDef } from "@tanstack/react-table";
import type { DriftRow } from "@/lib/console/list-drifts";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { Mono } from "@/components/ui/mono";
import { TextLink } from "@/components/ui/text-link";

const SUBJECT_LABELS: Record<string, string> = {
  tss_request: "TSS request",
  transaction: "Transaction",
  webhook_event: "Webhook event",
  callback_message: "Callback message",
};

function Value({ value }: { value: string | null }) {
  return value === null ? <span className="text-zinc-500">—</span> : <span className="font-mono text-xs">{value}</span>;
}

// Column ids of sortable columns equal the server's sort keys (lib/console/list-drifts.ts).
export const driftColumns: ColumnDef<DriftRow>[] = [
  {
    accessorKey: "detectedAt",
    header: "Detected",
    sortDescFirst: true,
    cell: ({ row }) => <DateTime value={row.original.detectedAt} />,
  },
  {
    accessorKey: "subjectType",
    header: "Subject",
    cell: ({ row }) => <span className="whitespace-nowrap">{SUBJECT_LABELS[row.original.subjectType] ?? row.original.subjectType}</span>,
  },
  {
    id: "subjectId",
    header: "Cobo id",
    cell: ({ row }) =>
      row.original.subjectHref ? (
        <TextLink href={row.original.subjectHref} className="font-normal">
          <Mono value={row.original.subjectId} className="max-w-[10rem]" />
        </TextLink>
      ) : (
        <Mono value={row.original.subjectId} className="max-w-[10rem]" />
      ),
  },
  {
    id: "values",
    header: "Ours → Cobo's",
    cell: ({ row }) => (
      <span className="flex flex-wrap items-center gap-x-1.5 whitespace-nowrap">
        <Value value={row.original.ourValue} />
        <span aria-label="became" className="text-zinc-500">
          →
        </span>
        <Value value={row.original.coboValue} />
      </span>
    ),
  },
  {
    id: "detail",
    header: "What happened",
    cell: ({ row }) =>
      row.original.detail ? (
        <span className="block max-w-[24rem] min-w-[12rem] text-xs text-zinc-600">{row.original.detail}</span>
      ) : (
        <span className="text-zinc-500">—</span>
      ),
  },
  {
    accessorKey: "resolvedAt",
    header: "Resolved",
    sortDescFirst: true,
    cell: ({ row }) => (row.original.resolvedAt ? <DateTime value={row.original.resolvedAt} /> : <Badge tone="warning">open</Badge>),
  },
];
