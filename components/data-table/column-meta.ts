import type { RowData } from "@tanstack/react-table";

// Per-column presentation hints read by the generic DataTable.
declare module "@tanstack/react-table" {
  // The type parameters must repeat TanStack's declaration (same names) for the interfaces to merge.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Extra classes for the header and body cells (alignment, width). */
    className?: string;
  }
}
