import { statusEntry, statusTone, type StatusSubject } from "@/lib/domain/status/catalogs";
import type { Tone } from "@/lib/domain/status/catalog";

// Badge colours come from the status catalogs (lib/domain/status/): a status badge names its
// subject, and the subject's catalog gives the tone. Cobo adds statuses over time: a value the
// catalog does not list still renders, neutral.

export type { Tone };
export { statusTone };

export const TONE_CLASSES: Record<Tone, string> = {
  success: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  danger: "bg-red-50 text-red-700 ring-red-600/20",
  warning: "bg-amber-50 text-amber-800 ring-amber-600/25",
  info: "bg-sky-50 text-sky-700 ring-sky-600/20",
  neutral: "bg-zinc-100 text-zinc-700 ring-zinc-500/20",
  violet: "bg-violet-50 text-violet-700 ring-violet-600/20",
};

export function Badge({ tone = "neutral", children, title }: { tone?: Tone; children: React.ReactNode; title?: string }) {
  return (
    <span
      title={title}
      className={`inline-flex max-w-full items-center truncate rounded-md px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${TONE_CLASSES[tone]}`}
    >
      {children}
    </span>
  );
}

/** A status as stored (Cobo's own term), coloured by its subject's catalog; the tooltip gives its label. */
export function StatusBadge({ subject, status }: { subject: StatusSubject; status: string | null | undefined }) {
  if (!status) return <span className="text-zinc-500">—</span>;
  const entry = statusEntry(subject, status);
  return (
    <Badge tone={entry.tone} title={entry.label === status ? status : `${entry.label} (${status})`}>
      {status}
    </Badge>
  );
}

export function RoleBadge({ role }: { role: string }) {
  return <Badge tone={role === "admin" ? "violet" : "info"}>{role}</Badge>;
}

const SOURCE_TONES: Record<string, Tone> = {
  webhook: "violet",
  poll: "info",
  app: "success",
  admin: "warning",
  api: "neutral",
};

/** Where a status change came from (webhook | poll | app | admin | api, or anything newer). */
export function SourceBadge({ source }: { source: string }) {
  return (
    <Badge tone={SOURCE_TONES[source] ?? "neutral"} title={`source: ${source}`}>
      {source}
    </Badge>
  );
}
