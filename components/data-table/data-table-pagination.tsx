"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { formatTotal, tableHref, type TableQuery } from "@/components/data-table/href";
import { PAGE_SIZES } from "@/components/data-table/page-sizes";

function PageLink({ href, label, disabled, children }: { href: string; label: string; disabled: boolean; children: React.ReactNode }) {
  const className = "inline-flex h-7 items-center rounded-md border border-zinc-200 bg-white px-2 text-xs font-medium";
  if (disabled)
    return (
      <span aria-disabled="true" aria-label={label} className={`${className} cursor-not-allowed text-zinc-300`}>
        {children}
      </span>
    );
  return (
    <Link href={href} aria-label={label} className={`${className} text-zinc-700 hover:bg-zinc-50`}>
      {children}
    </Link>
  );
}

/**
 * How many rows match, page size and first/previous/next as links (cursors in the URL), so paging
 * works without JavaScript and a page can be shared.
 */
export function DataTablePagination({ query, noun }: { query: TableQuery; noun: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const empty = query.rowCount === 0 && query.prevCursor === null;
  return (
    <nav
      aria-label={`${noun} pagination`}
      className="flex flex-wrap items-center justify-between gap-3 border-t border-zinc-200 px-4 py-2 text-xs text-zinc-600"
    >
      <p aria-live="polite">
        {empty ? (
          <>No {noun}</>
        ) : (
          <>
            <span className="font-medium text-zinc-900 tabular-nums">{formatTotal(query.total)}</span> {noun}
            {query.prevCursor === null ? null : <span className="text-zinc-400"> · not the first page</span>}
          </>
        )}
        {pending ? <span className="ml-2 text-zinc-500">Loading…</span> : null}
      </p>
      <div className="flex items-center gap-3">
        <label className="flex items-center gap-1.5">
          <span>Rows per page</span>
          <select
            value={query.pageSize}
            onChange={(e) => {
              const href = tableHref(query, { pageSize: Number(e.currentTarget.value) });
              startTransition(() => router.push(href));
            }}
            className="h-7 rounded-md border border-zinc-200 bg-white px-1.5 text-xs text-zinc-800"
          >
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-center gap-1">
          <PageLink href={tableHref(query)} label="First page" disabled={query.prevCursor === null}>
            « First
          </PageLink>
          <PageLink
            href={query.prevCursor ? tableHref(query, { cursor: { before: query.prevCursor } }) : tableHref(query)}
            label="Previous page"
            disabled={query.prevCursor === null}
          >
            ← Prev
          </PageLink>
          <PageLink
            href={query.nextCursor ? tableHref(query, { cursor: { after: query.nextCursor } }) : tableHref(query)}
            label="Next page"
            disabled={query.nextCursor === null}
          >
            Next →
          </PageLink>
        </div>
      </div>
    </nav>
  );
}
