import type { ColumnDef } from "@tanstack/react-table";
import type { TransactionRow } from "@/lib/console/list-transactions";
import { StatusBadge } from "@/components/ui/badge";
import { ChainValue } from "@/components/ui/chain-value";
import { CopyButton } from "@/components/ui/copy-button";
import { DateTime } from "@/components/ui/date-time";
import { Mono } from "@/components/ui/mono";
import { TextLink } from "@/components/ui/text-link";

// Column ids of sortable columns equal the server's sort keys (lib/console/list-transactions.ts).
export const transactionsColumns: ColumnDef<TransactionRow>[] = [
  {
    id: "transaction",
    header: "Transaction",
    cell: ({ row }) => {
      const t = row.original;
      // Until Cobo accepts it, a transaction is known only by our request id.
      const shown = t.coboTransactionId ?? t.requestId;
      return (
        <span className="inline-flex items-center">
          <TextLink href={`/transactions/${t.id}`} className="font-normal">
            <Mono value={shown} className="max-w-[8rem]" />
          </TextLink>
          <CopyButton value={shown} label={t.coboTransactionId ? "Cobo transaction id" : "request id"} />
        </span>
      );
    },
  },
  {
    id: "hash",
    header: "Hash",
    cell: ({ row }) => (
      <ChainValue
        chainId={row.original.chainId}
        kind="tx"
        value={row.original.transactionHash}
        label="transaction hash"
        className="max-w-[7rem]"
      />
    ),
  },
  {
    id: "addresses",
    header: "From → To",
    cell: ({ row }) => (
      <span className="flex flex-col items-start gap-0.5">
        <ChainValue
          chainId={row.original.chainId}
          kind="address"
          value={row.original.sourceAddress}
          label="source address"
          className="max-w-[7rem]"
        />
        <ChainValue
          chainId={row.original.chainId}
          kind="address"
          value={row.original.destinationAddress}
          label="destination address"
          className="max-w-[7rem]"
        />
      </span>
    ),
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
      <span className="inline-flex max-w-[11rem] items-baseline justify-end gap-1 whitespace-nowrap">
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
        <StatusBadge subject="transaction" status={row.original.status} />
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
      <TextLink href={`/users/${row.original.userId}`} className="block max-w-[9rem] truncate font-normal">
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
