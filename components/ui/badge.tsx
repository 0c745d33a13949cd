// Badge colours are decided by meaning, not by exact value: Cobo adds statuses over time, and a
// value we have never seen must still render (neutral) instead of breaking the page.

export type Tone = "success" | "danger" | "warning" | "info" | "neutral" | "violet";

const TONE_CLASSES: Record<Tone, string> = {
  success: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  danger: "bg-red-50 text-red-700 ring-red-600/20",
  warning: "bg-amber-50 text-amber-800 ring-amber-600/25",
  info: "bg-sky-50 text-sky-700 ring-sky-600/20",
  neutral: "bg-zinc-100 text-zinc-700 ring-zinc-500/20",
  violet: "bg-violet-50 text-violet-700 ring-violet-600/20",
};

const SUCCESS_VALUES = new Set([
  "success",
  "completed",
  "succeeded",
  "valid",
  "applied",
  "active",
  "ok",
  "approved",
  "maingroupgenerated",
]);
const DANGER = /fail|reject|denied|^deny$|invalid|unavailable|error|declined/i;
const SUCCESS_SUFFIX = /(success|succeeded|completed)$/i;
const WARNING =
  /^(pending|created|submitted|broadcasting|confirming|keygenerating|mpcprocessing|received|retrying|queue|new$|notactivated|notconfigured|recovering|maingroupcreated|processing|scheduling|initializing|approving|built|insufficient|paused|reverting)/i;

/** The colour family for a status-like value (Cobo statuses, our own lifecycle values). */
export function statusTone(value: string): Tone {
  if (DANGER.test(value)) return "danger";
  if (SUCCESS_VALUES.has(value.toLowerCase()) || SUCCESS_SUFFIX.test(value)) return "success";
  if (WARNING.test(value)) return "warning";
  return "neutral";
}

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

export function StatusBadge({ status }: { status: string | null | undefined }) {
  if (!status) return <span className="text-zinc-400">—</span>;
  return (
    <Badge tone={statusTone(status)} title={status}>
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
