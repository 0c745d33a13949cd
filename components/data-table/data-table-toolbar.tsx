"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { tableHref, type TableQuery } from "@/components/data-table/href";

export type ToolbarSearch = { param: string; label: string; placeholder: string };
export type ToolbarSelect = { param: string; label: string; allLabel: string; options: string[] };
export type ToolbarConfig = { search?: ToolbarSearch; selects?: ToolbarSelect[] };

/**
 * Search box and filter menus as a GET form: without JavaScript the browser submits it natively;
 * with it, the URL is built without empty fields and navigated client-side. Changing a filter
 * always returns to page 1.
 */
export function DataTableToolbar({ query, config }: { query: TableQuery; config: ToolbarConfig }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const keys = [config.search?.param, ...(config.selects ?? []).map((s) => s.param)].filter(
    (k): k is string => k !== undefined,
  );
  const active = keys.some((k) => Boolean(query.filters[k]));
  // Filters the toolbar does not show (e.g. a vault scope from a "view all" link) are kept.
  const hidden = Object.entries(query.filters).filter(([k, v]) => v && !keys.includes(k));
  const clearedFilters = Object.fromEntries(hidden);

  function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const filters: Record<string, string | undefined> = { ...clearedFilters };
    for (const key of keys) {
      const value = data.get(key);
      filters[key] = typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
    }
    startTransition(() => router.push(tableHref(query, { filters })));
  }

  return (
    <form
      // Remounting on every URL change resets uncontrolled inputs after "Clear" or back/forward.
      key={JSON.stringify(query.filters)}
      action={query.basePath}
      method="get"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        submit(e.currentTarget);
      }}
      className="flex flex-wrap items-center gap-2 border-b border-zinc-200 px-4 py-2.5"
    >
      {hidden.map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {query.sort.id !== query.defaultSort.id || query.sort.desc !== query.defaultSort.desc ? (
        <input type="hidden" name="sort" value={`${query.sort.id}.${query.sort.desc ? "desc" : "asc"}`} />
      ) : null}
      {config.search ? (
        <input
          type="search"
          name={config.search.param}
          defaultValue={query.filters[config.search.param] ?? ""}
          aria-label={config.search.label}
          placeholder={config.search.placeholder}
          className="h-8 w-full max-w-xs rounded-md border border-zinc-300 bg-white px-2.5 text-sm text-zinc-900 placeholder:text-zinc-400 focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500 focus:outline-none"
        />
      ) : null}
      {(config.selects ?? []).map((select) => (
        <select
          key={select.param}
          name={select.param}
          aria-label={select.label}
          defaultValue={query.filters[select.param] ?? ""}
          onChange={(e) => {
            if (e.currentTarget.form) submit(e.currentTarget.form);
          }}
          className="h-8 max-w-[14rem] rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-800 focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500 focus:outline-none"
        >
          <option value="">{select.allLabel}</option>
          {select.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ))}
      <button
        type="submit"
        className="h-8 rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-700 hover:bg-zinc-50"
      >
        Apply
      </button>
      {active ? (
        <Link
          href={tableHref(query, { filters: clearedFilters })}
          className="text-sm font-medium text-zinc-500 hover:text-zinc-800"
        >
          Clear filters
        </Link>
      ) : null}
      {pending ? (
        <span role="status" className="text-xs text-zinc-400">
          Loading…
        </span>
      ) : null}
    </form>
  );
}
