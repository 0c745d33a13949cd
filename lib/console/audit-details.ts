// How an audit entry's details read in the console and in exports: "Reason: lost phone", not
// {"reason":"lost phone"}. Plain data, no database: the audit list and the CSV export both use it.

export type DetailItem = { label: string; value: string };

/** Labels of the keys console actions and exports write; any other key is turned into words. */
const LABELS: Record<string, string> = {
  reason: "Reason",
  code: "Error code",
  requestedBy: "Requested by",
  approvedBy: "Approved by",
  approvalRequestId: "Approval request",
  filters: "Filters",
  export: "Export",
  sort: "Sort",
  rows: "Rows",
};

/** What a denial's or failure's `reason`/`code` value means, where the bare value is cryptic. */
const VALUES: Record<string, Record<string, string>> = {
  reason: { role: "needs the admin role" },
};

function words(key: string): string {
  const spaced = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase();
  return spaced ? spaced[0]!.toUpperCase() + spaced.slice(1) : key;
}

function text(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value === "" ? "—" : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? "—" : value.map(text).join(", ");
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined && v !== "");
    return entries.length === 0 ? "none" : entries.map(([k, v]) => `${k} = ${text(v)}`).join(", ");
  }
  return "—";
}

const KNOWN_ORDER = Object.keys(LABELS);
const rank = (key: string) => (KNOWN_ORDER.includes(key) ? KNOWN_ORDER.indexOf(key) : KNOWN_ORDER.length);

/**
 * The details of an audit entry as label/value pairs: the known keys first (reason, error code,
 * filters, …), then the others alphabetically. (Stored as jsonb, which keeps no key order.)
 */
export function auditDetailItems(details: unknown): DetailItem[] {
  if (details === null || details === undefined) return [];
  if (typeof details !== "object" || Array.isArray(details)) return [{ label: "Details", value: text(details) }];
  const entries = Object.entries(details as Record<string, unknown>).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
  return entries.map(([key, value]) => ({
    label: LABELS[key] ?? words(key),
    value: typeof value === "string" && VALUES[key]?.[value] ? `${VALUES[key][value]} (${value})` : text(value),
  }));
}

/** The same as one line ("Reason: lost phone; Error code: cobo_error"), for CSV cells and tooltips. */
export function auditDetailsLine(details: unknown): string {
  return auditDetailItems(details)
    .map((d) => `${d.label}: ${d.value}`)
    .join("; ");
}
