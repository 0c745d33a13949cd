"use client";

import { DataTable } from "@/components/data-table/data-table";
import { toTableQuery } from "@/components/data-table/href";
import { riskDecisionsColumns } from "@/components/risk/risk-decisions-columns";
import type { ListRiskDecisionsResult, RiskDecisionRow } from "@/lib/console/list-risk-decisions";

const EMPTY = {
  title: "No risk-control callbacks yet",
  description: "Cobo asks /api/callbacks/cobo before it signs each withdrawal; every answer is recorded here.",
};

/** Every risk-control decision, paged and filtered on the server. */
export function RiskDecisionsTable({ result }: { result: ListRiskDecisionsResult }) {
  return (
    <DataTable
      caption="Risk-control decisions"
      noun="decisions"
      columns={riskDecisionsColumns}
      data={result.rows}
      getRowId={(row) => row.id}
      query={toTableQuery("/risk/decisions", result)}
      toolbar={{
        search: { param: "q", label: "Search decisions", placeholder: "Request, transaction or wallet id…" },
        selects: [
          { param: "decision", label: "Filter by decision", allLabel: "ok and deny", options: result.decisionOptions },
          { param: "reason", label: "Filter by reason", allLabel: "All reasons", options: result.reasonOptions },
          { param: "signatureResult", label: "Filter by signature", allLabel: "Any signature", options: result.signatureResultOptions },
        ],
        exportPath: "/api/console/exports/risk-decisions",
      }}
      empty={EMPTY}
    />
  );
}

/** The latest few decisions on the risk overview. */
export function RecentRiskDecisionsTable({ rows, footer }: { rows: RiskDecisionRow[]; footer?: React.ReactNode }) {
  return (
    <DataTable
      caption="Recent risk-control decisions"
      noun="decisions"
      columns={riskDecisionsColumns}
      data={rows}
      getRowId={(row) => row.id}
      footer={footer}
      empty={EMPTY}
    />
  );
}
