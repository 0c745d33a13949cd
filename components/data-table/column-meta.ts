import type { RowData } from "@tanstack/react-table";

// Per-column presentation hints read by the generic DataTable.
declare module "@tanstack/react-table" {
  // The type parameters must match TanStack's declaration for the interfaces to merge.
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Extra classes for the header and body cells (alignment, width). */
    className?: string;
  }
}
