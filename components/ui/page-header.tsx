/** The page's single h1, with optional context above it and a line of key facts below. */
export function PageHeader({
  title,
  eyebrow,
  description,
  meta,
  titleClassName = "",
}: {
  title: React.ReactNode;
  eyebrow?: React.ReactNode;
  description?: React.ReactNode;
  meta?: React.ReactNode;
  titleClassName?: string;
}) {
  return (
    <header className="mb-5 space-y-1">
      {eyebrow ? <div className="text-xs font-medium text-zinc-500">{eyebrow}</div> : null}
      <h1 className={`min-w-0 truncate text-xl font-semibold tracking-tight text-zinc-900 ${titleClassName}`}>{title}</h1>
      {description ? <p className="text-sm text-zinc-500">{description}</p> : null}
      {meta ? <div className="flex flex-wrap items-center gap-x-3 gap-y-1 pt-1 text-sm text-zinc-600">{meta}</div> : null}
    </header>
  );
}
