"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { RereadActionProvider, RereadCell } from "@/components/actions/row-actions";
import type { ServerAction } from "@/components/actions/use-action-form";
import { DataTable } from "@/components/data-table/data-table";
import { toTableQuery } from "@/components/data-table/href";
import { DATE_RANGE_FIELDS, STUCK_SELECT, USER_FIELD } from "@/components/data-table/filter-presets";
import { tssRequestsColumns } from "@/components/tss-requests/tss-requests-columns";
import type { ListTssRequestsResult, ConsoleTssRequestRow } from "@/lib/console/list-tss-requests";
import type { RereadResult } from "@/lib/server/tss-requests/reread-tss-request";

const EMPTY = {
  title: "No TSS requests yet",
  description: "TSS requests (key generation, recovery) appear here once a vault's key share holder group asks Cobo for one.",
};

/** The columns plus a "Re-read from Cobo" button per row (admins; the action comes from context). */
const columnsWithReread: ColumnDef<ConsoleTssRequestRow>[] = [
  ...tssRequestsColumns,
  {
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    meta: { className: "text-right" },
    cell: ({ row }) => <RereadCell id={row.original.id} subject={`TSS request ${row.original.coboTssRequestId}`} />,
  },
];

/** The full, filterable TSS requests listing; admins get a "Re-read from Cobo" button per row. */
export function TssRequestsTable({ result, rereadAction }: { result: ListTssRequestsResult; rereadAction?: ServerAction<RereadResult> }) {
  return (
    <RereadActionProvider action={rereadAction}>
      <DataTable
        caption="TSS requests"
        noun="TSS requests"
        columns={rereadAction ? columnsWithReread : tssRequestsColumns}
        data={result.rows}
        getRowId={(row) => row.id}
        query={toTableQuery("/tss-requests", result)}
        toolbar={{
          search: { param: "q", label: "Search by TSS request id", placeholder: "Cobo TSS request id…" },
          selects: [
            { param: "status", label: "Filter by status", allLabel: "All statuses", options: result.statusOptions },
            { param: "type", label: "Filter by type", allLabel: "All types", options: result.typeOptions },
            STUCK_SELECT,
          ],
          fields: [...DATE_RANGE_FIELDS, USER_FIELD],
        }}
        empty={EMPTY}
      />
    </RereadActionProvider>
  );
}

/** A few recent rows on the dashboard and on user/vault pages. */
export function RecentTssRequestsTable({
  rows,
  caption,
  hiddenColumns,
  footer,
  empty = EMPTY,
  rereadAction,
}: {
  rows: ConsoleTssRequestRow[];
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
        noun="TSS requests"
        columns={rereadAction ? columnsWithReread : tssRequestsColumns}
        data={rows}
        getRowId={(row) => row.id}
        hiddenColumns={hiddenColumns}
        footer={footer}
        empty={empty}
      />
    </RereadActionProvider>
  );
}
