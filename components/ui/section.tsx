import { useId } from "react";

/** A titled card; the heading names the region so assistive tech and tests can find it. */
export function Section({
  title,
  description,
  actions,
  children,
  flush = false,
}: {
  title: string;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  children: React.ReactNode;
  /** No inner padding, for tables that run edge to edge. */
  flush?: boolean;
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-zinc-200 bg-white shadow-xs">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-zinc-200 px-4 py-2.5">
        <div className="min-w-0">
          <h2 id={headingId} className="text-sm font-semibold text-zinc-900">
            {title}
          </h2>
          {description ? <p className="text-xs text-zinc-500">{description}</p> : null}
        </div>
        {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
      </div>
      <div className={flush ? "" : "p-4"}>{children}</div>
    </section>
  );
}
