"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { DeleteActionProvider, DeleteCell } from "@/components/actions/row-actions";
import type { ServerAction } from "@/components/actions/use-action-form";
import { DataTable } from "@/components/data-table/data-table";
import { toTableQuery } from "@/components/data-table/href";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { Mono } from "@/components/ui/mono";
import type { ListAddressRulesResult } from "@/lib/console/list-address-rules";
import type { AddressRuleRow } from "@/lib/server/risk/manage-address-rules";

// Column ids of sortable columns equal the server's sort keys (lib/server/risk/list-address-rules.ts).
const columns: ColumnDef<AddressRuleRow>[] = [
  {
    accessorKey: "kind",
    header: "List",
    cell: ({ row }) => <Badge tone={row.original.kind === "deny" ? "danger" : "success"}>{row.original.kind}</Badge>,
  },
  {
    accessorKey: "chainId",
    header: "Chain",
    cell: ({ row }) => <span className="font-mono text-xs">{row.original.chainId}</span>,
  },
  {
    accessorKey: "address",
    header: "Address",
    cell: ({ row }) => <Mono value={row.original.address} className="max-w-[22rem]" />,
  },
  {
    id: "note",
    header: "Note",
    cell: ({ row }) =>
      row.original.note ? (
        <span className="block max-w-[16rem] truncate" title={row.original.note}>
          {row.original.note}
        </span>
      ) : (
        <span className="text-zinc-500">—</span>
      ),
  },
  {
    accessorKey: "createdAt",
    header: "Added",
    sortDescFirst: true,
    cell: ({ row }) => <DateTime value={row.original.createdAt} />,
  },
];

/** The columns plus a delete button per row (admins; the action comes from context). */
const columnsWithDelete: ColumnDef<AddressRuleRow>[] = [
  ...columns,
  {
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    meta: { className: "text-right" },
    cell: ({ row }) => <DeleteCell id={row.original.id} subject={`${row.original.kind} rule for ${row.original.address}`} />,
  },
];

/** Destination allow and deny lists, paged on the server; admins get a delete button per row. */
export function AddressRulesTable({
  result,
  deleteAction,
}: {
  result: ListAddressRulesResult;
  deleteAction?: ServerAction<{ id: string }>;
}) {
  return (
    <DeleteActionProvider action={deleteAction}>
      <DataTable
        caption="Address rules"
        noun="address rules"
        columns={deleteAction ? columnsWithDelete : columns}
        data={result.rows}
        getRowId={(row) => row.id}
        query={toTableQuery("/risk", result)}
        toolbar={{
          search: { param: "q", label: "Search address rules", placeholder: "Address or note…" },
          selects: [
            { param: "kind", label: "Filter by list", allLabel: "Allow and deny", options: result.kindOptions },
            { param: "chainId", label: "Filter by chain", allLabel: "All chains", options: result.chainOptions },
          ],
        }}
        empty={{
          title: "No address rules",
          description: "Without rules, any destination may receive withdrawals (within the limits).",
        }}
      />
    </DeleteActionProvider>
  );
}
