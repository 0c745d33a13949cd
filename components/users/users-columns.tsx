import type { ColumnDef } from "@tanstack/react-table";
import type { UserRow } from "@/lib/console/list-users";
import { StatusBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { formatCount } from "@/components/ui/format";
import { Mono, PENDING_AT_COBO } from "@/components/ui/mono";
import { TextLink } from "@/components/ui/text-link";

// Column ids of sortable columns equal the server's sort keys (lib/console/list-users.ts).
export const usersColumns: ColumnDef<UserRow>[] = [
  {
    accessorKey: "email",
    header: "Email",
    cell: ({ row }) => (
      <TextLink href={`/users/${row.original.id}`} className="block max-w-[20rem] truncate">
        {row.original.email}
      </TextLink>
    ),
  },
  {
    accessorKey: "status",
    header: "Status",
    cell: ({ row }) => <StatusBadge subject="app_user" status={row.original.status} />,
  },
  {
    id: "vault",
    header: "Cobo vault id",
    cell: ({ row }) =>
      row.original.vaultId ? (
        <TextLink href={`/vaults/${row.original.vaultId}`} className="font-normal">
          <Mono value={row.original.coboVaultId} className="max-w-[14rem]" placeholder={PENDING_AT_COBO} />
        </TextLink>
      ) : (
        <span className="text-zinc-500">No vault</span>
      ),
  },
  {
    id: "vaultStatus",
    header: "Vault status",
    cell: ({ row }) => <StatusBadge subject="vault" status={row.original.vaultStatus} />,
  },
  {
    accessorKey: "nodeCount",
    header: "TSS nodes",
    // A count over another table: no index can order users by it, so it is not sortable.
    enableSorting: false,
    meta: { className: "text-right" },
    cell: ({ row }) => <span className="tabular-nums">{formatCount(row.original.nodeCount)}</span>,
  },
  {
    accessorKey: "createdAt",
    header: "Created",
    sortDescFirst: true,
    cell: ({ row }) => <DateTime value={row.original.createdAt} />,
  },
];
