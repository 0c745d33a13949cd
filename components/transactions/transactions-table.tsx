"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { RereadActionProvider, RereadCell } from "@/components/actions/row-actions";
import type { ServerAction } from "@/components/actions/use-action-form";
import { DataTable } from "@/components/data-table/data-table";
import { toTableQuery } from "@/components/data-table/href";
import { transactionsColumns } from "@/components/transactions/transactions-columns";
import type { ListTransactionsResult, TransactionRow } from "@/lib/server/console/list-transactions";
import type { RereadResult } from "@/lib/server/console-actions/resync.action-spec";

const EMPTY = {
  title: "No transactions yet",
  description: "Withdrawals submitted by Client Apps and deposits reported by Cobo appear here.",
};

/** The columns plus a "Re-read from Cobo" button per row (admins; the action comes from context). */
const columnsWithReread: ColumnDef<TransactionRow>[] = [
  ...transactionsColumns,
  {
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    meta: { className: "text-right" },
    cell: ({ row }) => <RereadCell id={row.original.id} subject={`transaction ${row.original.coboTransactionId ?? row.original.requestId}`} />,
  },
];

/** The full, filterable transactions listing. */
export function TransactionsTable({ result }: { result: ListTransactionsResult }) {
  return (
    <DataTable
      caption="Transactions"
      noun="transactions"
      columns={transactionsColumns}
      data={result.rows}
      getRowId={(row) => row.id}
      query={toTableQuery("/transactions", result)}
      toolbar={{
        search: { param: "q", label: "Search transactions", placeholder: "Cobo id, request id or hash…" },
        selects: [
          { param: "status", label: "Filter by status", allLabel: "All statuses", options: result.statusOptions },
          { param: "type", label: "Filter by type", allLabel: "All types", options: result.typeOptions },
          { param: "chain", label: "Filter by chain", allLabel: "All chains", options: result.chainOptions },
        ],
      }}
      empty={EMPTY}
    />
  );
}

/** A few recent rows on the dashboard and on user/vault pages. */
export function RecentTransactionsTable({
  rows,
  caption,
  hiddenColumns,
  footer,
  empty = EMPTY,
  rereadAction,
}: {
  rows: TransactionRow[];
  caption: string;
  hiddenColumns?: string[];
  footer?: React.ReactNode;
  empty?: { title: string; description?: string };
  /** admins: a "Re-read from Cobo" button per row */
  rereadAction?: ServerAction<RereadResult>;
}) {
  return (
    <RereadActionProvider action={rereadAction}>
      <DataTable
        caption={caption}
        noun="transactions"
        columns={rereadAction ? columnsWithReread : transactionsColumns}
        data={rows}
        getRowId={(row) => row.id}
        hiddenColumns={hiddenColumns}
        footer={footer}
        empty={empty}
      />
    </RereadActionProvider>
  );
}
