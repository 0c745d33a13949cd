import type { ColumnDef } from "@tanstack/react-table";
import type { WebhookEventRow } from "@/lib/console/list-webhook-events";
import { StatusBadge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { DateTime } from "@/components/ui/date-time";
import { Mono } from "@/components/ui/mono";
import { TextLink } from "@/components/ui/text-link";

// Column ids of sortable columns equal the server's sort keys (lib/console/list-webhook-events.ts).
export const webhookEventsColumns: ColumnDef<WebhookEventRow>[] = [
  {
    id: "eventId",
    header: "Event id",
    cell: ({ row }) => (
      <span className="inline-flex items-center">
        <TextLink href={`/webhooks/${row.original.id}`} className="font-normal">
          <Mono value={row.original.eventId} className="max-w-[10rem]" />
        </TextLink>
        <CopyButton value={row.original.eventId} label="event id" />
      </span>
    ),
  },
  {
    accessorKey: "type",
    header: "Type",
    cell: ({ row }) => <Mono value={row.original.type} className="max-w-[15rem]" />,
  },
  {
    id: "subject",
    header: "Object",
    cell: ({ row }) =>
      row.original.subject ? (
        <TextLink href={row.original.subject.href} className="font-normal">
          <span className="text-xs text-zinc-500">{row.original.subject.label} </span>
          <Mono value={row.original.subject.coboId} className="max-w-[8rem]" />
        </TextLink>
      ) : (
        <span className="text-zinc-500">—</span>
      ),
  },
  {
    accessorKey: "status",
    header: "Status",
    cell: ({ row }) => <StatusBadge subject="webhook_event" status={row.original.status} />,
  },
  {
    id: "signature",
    header: "Signature",
    cell: ({ row }) => <StatusBadge subject="signature" status={row.original.signatureResult} />,
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
        <span className="text-zinc-500">—</span>
      ),
  },
];
