"use client";

import { DataTable } from "@/components/data-table/data-table";
import { toTableQuery } from "@/components/data-table/href";
import { usersColumns } from "@/components/users/users-columns";
import type { ListUsersResult } from "@/lib/console/list-users";

export function UsersTable({ result }: { result: ListUsersResult }) {
  return (
    <DataTable
      caption="App users"
      noun="users"
      columns={usersColumns}
      data={result.rows}
      getRowId={(row) => row.id}
      query={toTableQuery("/users", result)}
      toolbar={{
        search: { param: "q", label: "Search users by email", placeholder: "Search by email…" },
        selects: [{ param: "status", label: "Filter by status", allLabel: "All statuses", options: result.statusOptions }],
      }}
      empty={{
        title: "No app users yet",
        description: "App users appear here when a Client App signs a user in through the Client API.",
      }}
    />
  );
}
