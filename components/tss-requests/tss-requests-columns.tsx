import type { ColumnDef } from "@tanstack/react-table";
import type { ConsoleTssRequestRow } from "@/lib/console/list-tss-requests";
import { StatusBadge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { DateTime } from "@/components/ui/date-time";
import { Mono, PENDING_AT_COBO } from "@/components/ui/mono";
import { TextLink } from "@/components/ui/text-link";

// Column ids of sortable columns equal the server's sort keys (lib/console/list-tss-requests.ts).
export const tssRequestsColumns: ColumnDef<ConsoleTssRequestRow>[] = [
  {
    id: "coboTssRequestId",
    header: "TSS request id",
    cell: ({ row }) => (
      <span className="inline-flex items-center">
        <TextLink href={`/tss-requests/${row.original.id}`} className="font-normal">
          <Mono value={row.original.coboTssRequestId} className="max-w-[6rem]" />
        </TextLink>
        <CopyButton value={row.original.coboTssRequestId} label="TSS request id" />
      </span>
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
    // a long status (PendingKeyHolderConfirmation) is cut, its full label in the tooltip, so the list fits 1366 px
    cell: ({ row }) => (
      <span className="block max-w-[9rem]">
        <StatusBadge subject="tss_request" status={row.original.status} />
      </span>
    ),
  },
  {
    id: "targetGroup",
    header: "Target group",
    cell: ({ row }) => (
      <span className="flex min-w-0 flex-wrap items-center gap-x-1.5">
        <span className="text-xs whitespace-nowrap text-zinc-500">{row.original.targetGroupType}</span>
        <Mono value={row.original.targetGroupCoboId} className="max-w-[6rem]" placeholder={PENDING_AT_COBO} />
      </span>
    ),
  },
  {
    id: "user",
    header: "User",
    cell: ({ row }) => (
      <TextLink href={`/users/${row.original.userId}`} className="block max-w-[7.5rem] truncate font-normal">
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
