"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { tableHref, type TableQuery } from "@/components/data-table/href";

export type ToolbarSearch = { param: string; label: string; placeholder: string };
export type ToolbarOption = string | { value: string; label: string };
export type ToolbarSelect = { param: string; label: string; allLabel: string; options: ToolbarOption[] };
/** A filter typed in (applied with Apply or Enter): free text, a date, or a decimal amount. */
export type ToolbarField = {
  param: string;
  label: string;
  kind: "text" | "date" | "decimal";
  placeholder?: string;
  /** the input's accessible name, when the visible label is short ("≤") */
  ariaLabel?: string;
};
export type ToolbarConfig = {
  search?: ToolbarSearch;
  selects?: ToolbarSelect[];
  fields?: ToolbarField[];
  /** the CSV export of this list (a route taking the same query string), offered as a download link */
  exportPath?: string;
};

const optionValue = (o: ToolbarOption) => (typeof o === "string" ? o : o.value);
const optionLabel = (o: ToolbarOption) => (typeof o === "string" ? o : o.label);

const INPUT_CLASS =
  "h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 placeholder:text-zinc-500 focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500 focus:outline-none";

/** The export URL of a view: its filters and sort (never the cursor: an export covers every page). */
export function exportHref(query: TableQuery, path: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query.filters)) if (value) params.set(key, value);
  if (query.sort.id !== query.defaultSort.id || query.sort.desc !== query.defaultSort.desc)
    params.set("sort", `${query.sort.id}.${query.sort.desc ? "desc" : "asc"}`);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** Copies the link to this view (filters and sort, first page): a saved view is a shared URL. */
function CopyViewLink({ href }: { href: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      onClick={() => {
        void navigator.clipboard.writeText(new URL(href, window.location.origin).toString()).then(() => {
          setCopied(true);
          window.setTimeout(() => setCopied(false), 1500);
        });
      }}
      className="h-8 rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-700 hover:bg-zinc-50"
    >
      {copied ? "Link copied" : "Copy link to this view"}
    </button>
  );
}

/** The options, plus the URL's current value when it is not one of them (a link may name any value). */
function withCurrent(options: ToolbarOption[], current: string | undefined): ToolbarOption[] {
  return current && !options.some((o) => optionValue(o) === current) ? [...options, current] : options;
}

/**
 * Search box and filter menus as a GET form: without JavaScript the browser submits it natively;
 * with it, the URL is built without empty fields and navigated client-side. Changing a filter
 * always returns to page 1.
 */
export function DataTableToolbar({ query, config }: { query: TableQuery; config: ToolbarConfig }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const keys = [config.search?.param, ...(config.selects ?? []).map((s) => s.param), ...(config.fields ?? []).map((f) => f.param)].filter(
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
          className="h-8 w-full max-w-xs rounded-md border border-zinc-300 bg-white px-2.5 text-sm text-zinc-900 placeholder:text-zinc-500 focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500 focus:outline-none"
        />
      ) : null}
      {(config.fields ?? []).map((field) => (
        <label key={field.param} className="flex items-center gap-1 text-xs text-zinc-500">
          <span>{field.label}</span>
          <input
            type={field.kind === "date" ? "date" : "text"}
            inputMode={field.kind === "decimal" ? "decimal" : undefined}
            name={field.param}
            aria-label={field.ariaLabel ?? field.label}
            defaultValue={query.filters[field.param] ?? ""}
            placeholder={field.placeholder}
            className={`${INPUT_CLASS} ${field.kind === "text" ? "w-44" : field.kind === "decimal" ? "w-24" : "w-36"}`}
          />
        </label>
      ))}
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
          {withCurrent(select.options, query.filters[select.param]).map((option) => (
            <option key={optionValue(option)} value={optionValue(option)}>
              {optionLabel(option)}
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
        <Link href={tableHref(query, { filters: clearedFilters })} className="text-sm font-medium text-zinc-500 hover:text-zinc-800">
          Clear filters
        </Link>
      ) : null}
      <span className="ml-auto flex items-center gap-2">
        <CopyViewLink href={tableHref(query, {})} />
        {config.exportPath ? (
          <a
            href={exportHref(query, config.exportPath)}
            download
            className="inline-flex h-8 items-center rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-700 hover:bg-zinc-50"
          >
            Export CSV
          </a>
        ) : null}
      </span>
      {pending ? (
        <span role="status" className="text-xs text-zinc-500">
          Loading…
        </span>
      ) : null}
    </form>
  );
}
