import Link from "next/link";

/** What an empty table or section says: why it is empty and, when filtered, how to widen it. */
export function EmptyState({
  title,
  description,
  action,
}: {
  title: string;
  description?: string;
  action?: { href: string; label: string };
}) {
  return (
    <div className="flex flex-col items-center justify-center gap-1 px-6 py-10 text-center">
      <p className="text-sm font-medium text-zinc-900">{title}</p>
      {description ? <p className="max-w-md text-sm text-zinc-500">{description}</p> : null}
      {action ? (
        <Link href={action.href} className="mt-2 text-sm font-medium text-indigo-600 hover:text-indigo-500">
          {action.label}
        </Link>
      ) : null}
    </div>
  );
}
