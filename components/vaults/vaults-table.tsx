"use client";

import { DataTable } from "@/components/data-table/data-table";
import { toTableQuery } from "@/components/data-table/href";
import { vaultsColumns } from "@/components/vaults/vaults-columns";
import type { ListVaultsResult } from "@/lib/console/list-vaults";

export function VaultsTable({ result }: { result: ListVaultsResult }) {
  return (
    <DataTable
      caption="Vaults"
      noun="vaults"
      columns={vaultsColumns}
      data={result.rows}
      getRowId={(row) => row.id}
      query={toTableQuery("/vaults", result)}
      toolbar={{
        search: { param: "q", label: "Search vaults", placeholder: "Cobo vault id, name or user email…" },
        selects: [{ param: "status", label: "Filter by status", allLabel: "All statuses", options: result.statusOptions }],
      }}
      empty={{
        title: "No vaults yet",
        description: "A vault is created when a Client App asks for one for its signed-in user.",
      }}
    />
  );
}
