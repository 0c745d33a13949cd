"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { NAV_ITEMS } from "@/components/shell/nav-items";

/** Section links; the current section (including its detail pages) is marked aria-current. */
export function SidebarNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Console" className="min-w-0">
      <ul className="flex gap-0.5 overflow-x-auto md:flex-col md:overflow-visible">
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
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
