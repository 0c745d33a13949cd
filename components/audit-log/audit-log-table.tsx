"use client";

import { DataTable } from "@/components/data-table/data-table";
import { toTableQuery } from "@/components/data-table/href";
import { DATE_RANGE_FIELDS } from "@/components/data-table/filter-presets";
import { auditLogColumns } from "@/components/audit-log/audit-log-columns";
import type { ListAuditLogResult } from "@/lib/console/list-audit-log";

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
          { param: "actor", label: "Filter by actor", allLabel: "All actors", options: result.actorOptions },
          { param: "targetType", label: "Filter by target type", allLabel: "All targets", options: result.targetTypeOptions },
        ],
        fields: [{ param: "target", label: "Target", kind: "text", placeholder: "id or email" }, ...DATE_RANGE_FIELDS],
        exportPath: "/api/console/exports/audit-log",
      }}
      empty={{
        title: "No console actions recorded yet",
        description: "Admin actions taken in the console (and denied attempts) are recorded here.",
      }}
    />
  );
}
