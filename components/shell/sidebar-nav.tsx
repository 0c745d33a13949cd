"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { NAV_ITEMS } from "@/components/shell/nav-items";

/**
 * Section links; the current section (including its detail pages) is marked aria-current. `counts`
 * puts a count badge beside a section (by href) while it is above zero.
 */
export function SidebarNav({ counts = {} }: { counts?: Record<string, number> }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Console" className="min-w-0">
      <ul className="flex flex-col gap-0.5">
        {NAV_ITEMS.map((item) => {
          const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href} className="shrink-0">
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`block rounded-md px-2.5 py-1.5 text-sm whitespace-nowrap ${
                  active
                    ? "bg-white font-medium text-zinc-900 shadow-xs ring-1 ring-zinc-200"
                    : "text-zinc-600 hover:bg-zinc-200/60 hover:text-zinc-900"
                }`}
              >
                {item.label}
                {counts[item.href] ? (
                  <span
                    className="ml-1.5 rounded-full bg-amber-100 px-1.5 py-px text-[11px] font-semibold text-amber-800 tabular-nums"
                    data-testid={`nav-count-${item.href.slice(1)}`}
                  >
                    <span className="sr-only">(</span>
                    {counts[item.href]! > 999 ? "999+" : counts[item.href]}
                    <span className="sr-only"> items)</span>
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
