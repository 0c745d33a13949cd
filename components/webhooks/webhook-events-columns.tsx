import type { ColumnDef } from "@tanstack/react-table";
import type { WebhookEventRow } from "@/lib/server/console/list-webhook-events";
import { StatusBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { Mono } from "@/components/ui/mono";
import { TextLink } from "@/components/ui/text-link";

// Column ids of sortable columns equal the server's sort keys (lib/server/console/list-webhook-events.ts).
export const webhookEventsColumns: ColumnDef<WebhookEventRow>[] = [
  {
    id: "eventId",
    header: "Event id",
    cell: ({ row }) => (
      <TextLink href={`/webhooks/${row.original.id}`} className="font-normal">
        <Mono value={row.original.eventId} className="max-w-[10rem]" />
      </TextLink>
    ),
  },
  {
    accessorKey: "type",
    header: "Type",
    cell: ({ row }) => <Mono value={row.original.type} className="max-w-[15rem]" />,
  },
  {
    accessorKey: "status",
    header: "Status",
    cell: ({ row }) => <StatusBadge status={row.original.status} />,
  },
  {
    id: "signature",
    header: "Signature",
    cell: ({ row }) => <StatusBadge status={row.original.signatureResult} />,
  },
  {
    accessorKey: "receivedAt",
    header: "Received",
    sortDescFirst: true,
    cell: ({ row }) => <DateTime value={row.original.receivedAt} />,
  },
  {
    id: "appliedAt",
    header: "Applied",
    cell: ({ row }) => <DateTime value={row.original.appliedAt} />,
  },
  {
    accessorKey: "attempts",
    header: "Attempts",
    sortDescFirst: true,
    meta: { className: "text-right" },
    cell: ({ row }) => <span className="tabular-nums">{row.original.attempts}</span>,
  },
  {
    id: "lastError",
    header: "Last error",
    cell: ({ row }) =>
      row.original.lastError ? (
        <span className="block max-w-[10rem] truncate text-xs text-red-700" title={row.original.lastError}>
          {row.original.lastError}
        </span>
      ) : (
        <span className="text-zinc-400">—</span>
      ),
  },
];
