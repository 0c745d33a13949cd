const METHOD_CLASSES: Record<string, string> = {
  GET: "bg-sky-50 text-sky-700 ring-sky-600/20",
  POST: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  PUT: "bg-amber-50 text-amber-800 ring-amber-600/25",
  PATCH: "bg-violet-50 text-violet-700 ring-violet-600/20",
  DELETE: "bg-red-50 text-red-700 ring-red-600/20",
};

/** The HTTP method, fixed width so paths line up in lists. */
export function MethodBadge({ method }: { method: string }) {
  return (
    <span
      className={`inline-flex w-14 shrink-0 justify-center rounded-md px-1.5 py-0.5 font-mono text-[0.6875rem] font-semibold ring-1 ring-inset ${
        METHOD_CLASSES[method] ?? "bg-zinc-100 text-zinc-700 ring-zinc-500/20"
      }`}
    >
      {method}
    </span>
  );
}

/** A response status, coloured by class (2xx, 4xx, 5xx). */
export function StatusCodeBadge({ status }: { status: string }) {
  const tone = status.startsWith("2")
    ? "bg-emerald-50 text-emerald-700 ring-emerald-600/20"
    : status.startsWith("4")
      ? "bg-amber-50 text-amber-800 ring-amber-600/25"
      : status.startsWith("5")
        ? "bg-red-50 text-red-700 ring-red-600/20"
        : "bg-zinc-100 text-zinc-700 ring-zinc-500/20";
  return <span className={`inline-flex shrink-0 rounded-md px-1.5 py-0.5 font-mono text-xs font-semibold ring-1 ring-inset ${tone}`}>{status}</span>;
}
