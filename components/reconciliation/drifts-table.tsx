"use client";

import { DataTable } from "@/components/data-table/data-table";
import { toTableQuery } from "@/components/data-table/href";
import { driftColumns } from "@/components/reconciliation/drift-columns";
import type { DriftRow, ListDriftsResult } from "@/lib/console/list-drifts";

/** Every drift reconciliation recorded, paged on the server. */
export function DriftsTable({ result }: { result: ListDriftsResult }) {
  return (
    <DataTable
      caption="Drift records"
      noun="drift records"
      columns={driftColumns}
      data={result.rows}
      getRowId={(row) => row.id}
      query={toTableQuery("/reconciliation", result)}
      toolbar={{
        search: { param: "q", label: "Search by Cobo id", placeholder: "TSS request, transaction or event id…" },
        selects: [
          { param: "subject", label: "Filter by subject", allLabel: "All subjects", options: result.subjectOptions },
          { param: "state", label: "Filter by state", allLabel: "Open and resolved", options: result.stateOptions },
        ],
      }}
      empty={{
        title: "No drift recorded",
        description: "Reconciliation records a row here whenever Cobo's state differed from ours and it caught up.",
      }}
    />
  );
}

/** Drift nobody has healed yet (static: a short list that should be empty). */
export function UnresolvedDriftsTable({ rows, footer }: { rows: DriftRow[]; footer?: React.ReactNode }) {
  return (
    <DataTable
      caption="Unresolved drift"
      noun="unresolved drift records"
      columns={driftColumns}
      data={rows}
      getRowId={(row) => row.id}
      hiddenColumns={["resolvedAt"]}
      footer={footer}
      empty={{ title: "No unresolved drift", description: "Every difference reconciliation found has been healed." }}
    />
  );
}
