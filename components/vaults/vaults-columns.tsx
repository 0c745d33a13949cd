import type { ColumnDef } from "@tanstack/react-table";
import type { VaultRow } from "@/lib/console/list-vaults";
import { StatusBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { formatCount } from "@/components/ui/format";
import { Mono, PENDING_AT_COBO } from "@/components/ui/mono";
import { TextLink } from "@/components/ui/text-link";

// Column ids of sortable columns equal the server's sort keys (lib/console/list-vaults.ts).
export const vaultsColumns: ColumnDef<VaultRow>[] = [
  {
    accessorKey: "coboVaultId",
    header: "Cobo vault id",
    cell: ({ row }) => (
      <TextLink href={`/vaults/${row.original.id}`} className="font-normal">
        <Mono value={row.original.coboVaultId} className="max-w-[12rem]" placeholder={PENDING_AT_COBO} />
      </TextLink>
    ),
  },
  {
    accessorKey: "name",
    header: "Name",
    cell: ({ row }) => (
      <span className="block max-w-[12rem] truncate" title={row.original.name}>
        {row.original.name}
      </span>
    ),
  },
  {
    id: "user",
    header: "User",
    cell: ({ row }) => (
      <TextLink href={`/users/${row.original.userId}`} className="block max-w-[16rem] truncate font-normal">
        {row.original.userEmail}
      </TextLink>
    ),
  },
  {
    accessorKey: "status",
    header: "Status",
    cell: ({ row }) => <StatusBadge subject="vault" status={row.original.status} />,
  },
  {
    id: "activeMainGroup",
    header: "Active Main Group",
    cell: ({ row }) =>
      row.original.activeMainGroupCoboId ? (
        <Mono value={row.original.activeMainGroupCoboId} className="max-w-[9rem]" />
      ) : (
        <span className="text-zinc-500">None</span>
      ),
  },
  {
    id: "groupCount",
    header: "Groups",
    meta: { className: "text-right" },
    cell: ({ row }) => <span className="tabular-nums">{formatCount(row.original.groupCount)}</span>,
  },
  {
    id: "walletCount",
    header: "Wallets",
    meta: { className: "text-right" },
    cell: ({ row }) => <span className="tabular-nums">{formatCount(row.original.walletCount)}</span>,
  },
  {
    accessorKey: "createdAt",
    header: "Created",
    sortDescFirst: true,
    cell: ({ row }) => <DateTime value={row.original.createdAt} />,
  },
];
