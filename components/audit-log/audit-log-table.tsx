"use client";

import { DataTable } from "@/components/data-table/data-table";
import { toTableQuery } from "@/components/data-table/href";
import { auditLogColumns } from "@/components/audit-log/audit-log-columns";
import type { ListAuditLogResult } from "@/lib/server/console/list-audit-log";

export function AuditLogTable({ result }: { result: ListAuditLogResult }) {
  return (
    <DataTable
      caption="Audit log"
      noun="entries"
      columns={auditLogColumns}
      data={result.rows}
      getRowId={(row) => row.id}
      query={toTableQuery("/audit-log", result)}
      toolbar={{
        search: { param: "q", label: "Search audit log", placeholder: "Actor email or target id…" },
        selects: [
          { param: "action", label: "Filter by action", allLabel: "All actions", options: result.actionOptions },
          { param: "outcome", label: "Filter by outcome", allLabel: "All outcomes", options: result.outcomeOptions },
        ],
      }}
      empty={{
        title: "No console actions recorded yet",
        description: "Admin actions taken in the console (and denied attempts) are recorded here.",
      }}
    />
  );
}
