"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { tableHref, type TableQuery } from "@/components/data-table/href";
import { PAGE_SIZES } from "@/components/data-table/page-sizes";
import { formatCount } from "@/components/ui/format";


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

/** Range, page size and previous/next as links, so paging works without JavaScript and is shareable. */
export function DataTablePagination({ query, noun }: { query: TableQuery; noun: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const from = query.total === 0 ? 0 : (query.page - 1) * query.pageSize + 1;
  const to = Math.min(query.page * query.pageSize, query.total);
  return (
    <nav
      aria-label={`${noun} pagination`}
      className="flex flex-wrap items-center justify-between gap-3 border-t border-zinc-200 px-4 py-2 text-xs text-zinc-600"
    >
      <p aria-live="polite">
        {query.total === 0 ? (
          <>No {noun}</>
        ) : (
          <>
            Showing <span className="font-medium text-zinc-900 tabular-nums">{formatCount(from)}</span>–
            <span className="font-medium text-zinc-900 tabular-nums">{formatCount(to)}</span> of{" "}
            <span className="font-medium text-zinc-900 tabular-nums">{formatCount(query.total)}</span> {noun}
          </>
        )}
        {pending ? <span className="ml-2 text-zinc-400">Loading…</span> : null}
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
        <span className="tabular-nums">
          Page {formatCount(query.page)} of {formatCount(query.pageCount)}
        </span>
        <div className="flex items-center gap-1">
          <PageLink href={tableHref(query, { page: query.page - 1 })} label="Previous page" disabled={query.page <= 1}>
            ← Prev
          </PageLink>
          <PageLink
            href={tableHref(query, { page: query.page + 1 })}
            label="Next page"
            disabled={query.page >= query.pageCount}
          >
            Next →
          </PageLink>
        </div>
      </div>
    </nav>
  );
}
