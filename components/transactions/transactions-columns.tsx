import type { ColumnDef } from "@tanstack/react-table";
import type { TransactionRow } from "@/lib/server/console/list-transactions";
import { StatusBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { Mono } from "@/components/ui/mono";
import { TextLink } from "@/components/ui/text-link";

// Column ids of sortable columns equal the server's sort keys (lib/server/console/list-transactions.ts).
export const transactionsColumns: ColumnDef<TransactionRow>[] = [
  {
    id: "transaction",
    header: "Transaction",
    cell: ({ row }) => {
      const t = row.original;
      // Until Cobo accepts it, a transaction is known only by our request id.
      return (
        <TextLink href={`/transactions/${t.id}`} className="font-normal">
          <Mono value={t.coboTransactionId ?? t.requestId} className="max-w-[10rem]" />
        </TextLink>
      );
    },
  },
  {
    accessorKey: "type",
    header: "Type",
    cell: ({ row }) => <span className="whitespace-nowrap">{row.original.type}</span>,
  },
  {
    accessorKey: "chainId",
    header: "Chain",
    cell: ({ row }) => <span className="font-mono text-[0.75rem]">{row.original.chainId}</span>,
  },
  {
    accessorKey: "amount",
    header: "Amount",
    sortDescFirst: true,
    meta: { className: "text-right" },
    cell: ({ row }) => (
      <span className="inline-flex max-w-[15rem] items-baseline justify-end gap-1 whitespace-nowrap">
        {/* Truncated only in the table (with an ellipsis and the full value in the tooltip). */}
        <span className="truncate font-mono text-[0.75rem] tabular-nums" title={row.original.amount}>
          {row.original.amount}
        </span>
        <span className="shrink-0 text-xs text-zinc-500">{row.original.tokenId}</span>
      </span>
    ),
  },
  {
    accessorKey: "status",
    header: "Status",
    cell: ({ row }) => (
      <span className="flex flex-col items-start gap-0.5">
        <StatusBadge status={row.original.status} />
        {row.original.subStatus ? (
          <span className="max-w-[12rem] truncate text-xs text-zinc-500" title={row.original.subStatus}>
            {row.original.subStatus}
          </span>
        ) : null}
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
];
