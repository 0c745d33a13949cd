import type { ColumnDef } from "@tanstack/react-table";
import type { TssRequestRow } from "@/lib/server/console/list-tss-requests";
import { StatusBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { Mono, PENDING_AT_COBO } from "@/components/ui/mono";
import { TextLink } from "@/components/ui/text-link";

// Column ids of sortable columns equal the server's sort keys (lib/server/console/list-tss-requests.ts).
export const tssRequestsColumns: ColumnDef<TssRequestRow>[] = [
  {
    id: "coboTssRequestId",
    header: "TSS request id",
    cell: ({ row }) => (
      <TextLink href={`/tss-requests/${row.original.id}`} className="font-normal">
        <Mono value={row.original.coboTssRequestId} className="max-w-[10rem]" />
      </TextLink>
    ),
  },
  {
    accessorKey: "type",
    header: "Type",
    cell: ({ row }) => <span className="whitespace-nowrap">{row.original.type}</span>,
  },
  {
    accessorKey: "status",
    header: "Status",
    cell: ({ row }) => <StatusBadge status={row.original.status} />,
  },
  {
    id: "targetGroup",
    header: "Target group",
    cell: ({ row }) => (
      <span className="flex min-w-0 items-center gap-1.5">
        <span className="text-xs whitespace-nowrap text-zinc-500">{row.original.targetGroupType}</span>
        <Mono value={row.original.targetGroupCoboId} className="max-w-[9rem]" placeholder={PENDING_AT_COBO} />
      </span>
    ),
  },
  {
    id: "user",
    header: "User",
    cell: ({ row }) => (
      <TextLink href={`/users/${row.original.userId}`} className="block max-w-[12rem] truncate font-normal">
        {row.original.userEmail}
      </TextLink>
    ),
  },
  {
    accessorKey: "createdAt",
    header: "Created",
    sortDescFirst: true,
    cell: ({ row }) => <DateTime value={row.original.createdAt} />,
  },
  {
    accessorKey: "updatedAt",
    header: "Updated",
    sortDescFirst: true,
    cell: ({ row }) => <DateTime value={row.original.updatedAt} />,
  },
];
