"use client";

import { usePathname } from "next/navigation";
import { useEffect, useId, useState } from "react";

/**
 * The shell's sidebar: a column beside the page on wide screens (lg and up); below that a top bar
 * whose Menu button opens the sections, so the page keeps the whole width. The menu closes again
 * when a link takes the user to another page.
 */
export function CollapsibleSidebar({ header, children }: { header: React.ReactNode; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const panelId = useId();
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    // navigated: close the menu (state adjusted during render, as React recommends over an effect)
    setShownFor(pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <aside className="flex shrink-0 flex-col gap-3 border-b border-zinc-200 bg-zinc-50 px-3 py-3 lg:sticky lg:top-0 lg:h-screen lg:w-52 lg:border-r lg:border-b-0 xl:w-56">
      <div className="flex items-center justify-between gap-2 px-1">
        {header}
        <button
          type="button"
          className="rounded-md px-2.5 py-1 text-sm font-medium text-zinc-700 ring-1 ring-zinc-300 hover:bg-zinc-200/60 focus-visible:outline-2 focus-visible:outline-indigo-500 lg:hidden"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? "Close" : "Menu"}
        </button>
      </div>
      <div id={panelId} className={`${open ? "flex" : "hidden"} min-h-0 flex-1 flex-col gap-3 lg:flex`} data-testid="sidebar-panel">
        {children}
      </div>
    </aside>
  );
}
