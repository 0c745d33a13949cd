"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { RereadActionProvider, RereadCell } from "@/components/actions/row-actions";
import type { ServerAction } from "@/components/actions/use-action-form";
import { DataTable } from "@/components/data-table/data-table";
import { toTableQuery } from "@/components/data-table/href";
import { DATE_RANGE_FIELDS, STUCK_SELECT, USER_FIELD } from "@/components/data-table/filter-presets";
import { transactionsColumns } from "@/components/transactions/transactions-columns";
import type { ListTransactionsResult, TransactionRow } from "@/lib/console/list-transactions";
import type { RereadResult } from "@/lib/server/tss-requests/reread-tss-request";

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
    cell: ({ row }) => (
      <RereadCell id={row.original.id} subject={`transaction ${row.original.coboTransactionId ?? row.original.requestId}`} />
    ),
  },
];

/** The full, filterable transactions listing; admins get a "Re-read from Cobo" button per row. */
export function TransactionsTable({ result, rereadAction }: { result: ListTransactionsResult; rereadAction?: ServerAction<RereadResult> }) {
  return (
    <RereadActionProvider action={rereadAction}>
      <DataTable
        caption="Transactions"
        noun="transactions"
        columns={rereadAction ? columnsWithReread : transactionsColumns}
        data={result.rows}
        getRowId={(row) => row.id}
        query={toTableQuery("/transactions", result)}
        toolbar={{
          search: { param: "q", label: "Search transactions", placeholder: "Id, key, hash, address, email…" },
          selects: [
            { param: "status", label: "Filter by status", allLabel: "All statuses", options: result.statusOptions },
            { param: "type", label: "Filter by type", allLabel: "All types", options: result.typeOptions },
            { param: "chain", label: "Filter by chain", allLabel: "All chains", options: result.chainOptions },
            { param: "token", label: "Filter by token", allLabel: "All tokens", options: result.tokenOptions },
            STUCK_SELECT,
          ],
          fields: [
            ...DATE_RANGE_FIELDS,
            USER_FIELD,
            { param: "wallet", label: "Wallet", kind: "text", placeholder: "wallet id (ours or Cobo's)" },
            { param: "address", label: "Address", kind: "text", placeholder: "from or to address" },
            { param: "amountMin", label: "Amount ≥", kind: "decimal", placeholder: "0" },
            { param: "amountMax", label: "≤", kind: "decimal", placeholder: "any", ariaLabel: "Amount ≤" },
          ],
          exportPath: "/api/console/exports/transactions",
        }}
        empty={EMPTY}
      />
    </RereadActionProvider>
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
