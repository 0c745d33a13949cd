"use client";

import { DataTable } from "@/components/data-table/data-table";
import { toTableQuery } from "@/components/data-table/href";
import { webhookEventsColumns } from "@/components/webhooks/webhook-events-columns";
import type { ListWebhookEventsResult } from "@/lib/console/list-webhook-events";

export function WebhookEventsTable({ result }: { result: ListWebhookEventsResult }) {
  return (
    <DataTable
      caption="Webhook events"
      noun="events"
      columns={webhookEventsColumns}
      data={result.rows}
      getRowId={(row) => row.id}
      query={toTableQuery("/webhooks", result)}
      toolbar={{
        search: { param: "q", label: "Search by event id", placeholder: "Event id…" },
        selects: [
          { param: "status", label: "Filter by status", allLabel: "All statuses", options: result.statusOptions },
          { param: "type", label: "Filter by type", allLabel: "All types", options: result.typeOptions },
          { param: "signature", label: "Filter by signature result", allLabel: "Any signature", options: result.signatureOptions },
        ],
        exportPath: "/api/console/exports/webhook-events",
      }}
      empty={{
        title: "The webhook inbox is empty",
        description: "Events appear here as soon as Cobo delivers them to /api/webhooks/cobo, or reconciliation pulls them.",
      }}
    />
  );
}
