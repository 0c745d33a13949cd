"use client";

import Link from "next/link";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import "@/components/data-table/column-meta";
import { DataTablePagination } from "@/components/data-table/data-table-pagination";
import { DataTableToolbar, type ToolbarConfig } from "@/components/data-table/data-table-toolbar";
import { tableHref, type TableQuery } from "@/components/data-table/href";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";

export type DataTableProps<TData> = {
  /** Accessible name of the table (rendered as its caption). */
  caption: string;
  /** Plural noun for "Showing 1–25 of 80 users". */
  noun: string;
  columns: ColumnDef<TData>[];
  data: TData[];
  getRowId: (row: TData) => string;
  /**
   * URL state for a server-side table. Without it the table is static (detail pages show a few
   * recent rows): no sort links, no paging.
   */
  query?: TableQuery;
  toolbar?: ToolbarConfig;
  /** Column ids to leave out (e.g. the owner column on the owner's own page). */
  hiddenColumns?: string[];
  empty: { title: string; description?: string };
  footer?: React.ReactNode;
};

/**
 * The row actions column (id "actions") sticks to the right edge of the table's scroll box, so its
 * buttons stay in view on a narrow screen even when the other columns must scroll.
 */
const ACTIONS = "actions";
const STICKY_ACTIONS = "sticky right-0 bg-white/95 shadow-[-6px_0_6px_-6px_rgba(0,0,0,0.12)]";

function SortIndicator({ dir }: { dir: false | "asc" | "desc" }) {
  return (
    <span aria-hidden="true" className={dir ? "text-zinc-700" : "text-zinc-300 group-hover:text-zinc-500"}>
      {dir === "asc" ? "↑" : dir === "desc" ? "↓" : "↕"}
    </span>
  );
}

/**
 * The console's one table: TanStack Table in fully manual mode (the server already paged, sorted
 * and filtered the rows), with sort headers and paging expressed as links in the URL.
 */
export function DataTable<TData>({
  caption,
  noun,
  columns,
  data,
  getRowId,
  query,
  toolbar,
  hiddenColumns = [],
  empty,
  footer,
}: DataTableProps<TData>) {
  // The React Compiler skips this component because TanStack's table instance is mutable; that
  // is the intended behaviour (the table re-renders from props each time), not a problem.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    enableSorting: query !== undefined,
    enableSortingRemoval: false,
    // Cursor paging: the number of pages is not known (-1), and the server already cut the page.
    pageCount: query ? -1 : 1,
    state: {
      sorting: query ? [query.sort] : [],
      pagination: { pageIndex: 0, pageSize: query?.pageSize ?? Math.max(data.length, 1) },
      columnVisibility: Object.fromEntries(hiddenColumns.map((id) => [id, false])),
    },
  });

  const filtered = query ? Object.values(query.filters).some(Boolean) : false;
  const visibleColumnCount = table.getVisibleLeafColumns().length;

  return (
    <div>
      {query && toolbar ? <DataTableToolbar query={query} config={toolbar} /> : null}
      <Table caption={caption}>
        <THead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const column = header.column;
                const label = header.isPlaceholder ? null : flexRender(column.columnDef.header, header.getContext());
                const className = `${column.columnDef.meta?.className ?? ""} ${column.id === ACTIONS ? STICKY_ACTIONS : ""}`;
                if (!query || !column.getCanSort()) {
                  return (
                    <Th key={header.id} className={className}>
                      {label}
                    </Th>
                  );
                }
                const current = column.getIsSorted();
                const nextDesc = current ? current === "asc" : column.getFirstSortDir() === "desc";
                return (
                  <Th
                    key={header.id}
                    className={className}
                    ariaSort={current === "asc" ? "ascending" : current === "desc" ? "descending" : "none"}
                  >
                    <Link
                      href={tableHref(query, { sort: { id: column.id, desc: nextDesc } })}
                      scroll={false}
                      className="group inline-flex items-center gap-1 hover:text-zinc-900"
                    >
                      {label}
                      <SortIndicator dir={current} />
                    </Link>
                  </Th>
                );
              })}
            </tr>
          ))}
        </THead>
        <TBody>
          {table.getRowModel().rows.length === 0 ? (
            <tr>
              <Td colSpan={visibleColumnCount}>
                {filtered && query ? (
                  <EmptyState
                    title={`No ${noun} match these filters`}
                    description="Try a different search or clear the filters."
                    action={{ href: tableHref(query, { filters: {} }), label: "Clear filters" }}
                  />
                ) : (
                  <EmptyState title={empty.title} description={empty.description} />
                )}
              </Td>
            </tr>
          ) : (
            table.getRowModel().rows.map((row) => (
              <Tr key={row.id}>
                {row.getVisibleCells().map((cell) => (
                  <Td
                    key={cell.id}
                    className={`${cell.column.columnDef.meta?.className ?? ""} ${cell.column.id === ACTIONS ? STICKY_ACTIONS : ""}`}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </Td>
                ))}
              </Tr>
            ))
          )}
        </TBody>
      </Table>
      {query ? <DataTablePagination query={query} noun={noun} /> : null}
      {footer ? <div className="border-t border-zinc-200 px-4 py-2 text-xs">{footer}</div> : null}
    </div>
  );
}
