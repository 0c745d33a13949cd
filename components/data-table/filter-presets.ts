import type { ToolbarField, ToolbarSelect } from "@/components/data-table/data-table-toolbar";

// Filters several lists share. The values are the URL's (`stuck=1h`, `from=2026-12-01`), read by
// durationParam / dateParam in lib/console/list-query.ts; a link may carry any other duration.

export const STUCK_SELECT: ToolbarSelect = {
  param: "stuck",
  label: "Filter by time without a status change",
  allLabel: "Any progress",
  options: [
    { value: "15m", label: "Stuck > 15 min" },
    { value: "1h", label: "Stuck > 1 hour" },
    { value: "6h", label: "Stuck > 6 hours" },
    { value: "1d", label: "Stuck > 1 day" },
    { value: "3d", label: "Stuck > 3 days" },
  ],
};

export const DATE_RANGE_FIELDS: ToolbarField[] = [
  { param: "from", label: "From", kind: "date", ariaLabel: "Created from" },
  { param: "to", label: "To", kind: "date", ariaLabel: "Created until (inclusive)" },
];

export const USER_FIELD: ToolbarField = { param: "user", label: "User", kind: "text", placeholder: "email or user id" };
