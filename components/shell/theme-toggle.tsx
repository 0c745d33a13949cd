"use client";

import { useState } from "react";
import { THEME_COOKIE, THEME_COOKIE_MAX_AGE, THEMES, type Theme } from "@/components/shell/theme";

const LABEL: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

/** Remembers the choice for the next pages (the cookie) and shows it on this one now. */
function applyTheme(next: Theme) {
  document.cookie = `${THEME_COOKIE}=${next}; Path=/; Max-Age=${THEME_COOKIE_MAX_AGE}; SameSite=Lax`;
  document.documentElement.dataset.theme = next;
}

/**
 * Light, dark, or whatever the operating system prefers. The choice goes to a cookie (the server
 * renders the next page with it, so nothing flashes) and onto <html data-theme> at once.
 */
export function ThemeToggle({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState(initial);
  const choose = (next: Theme) => {
    applyTheme(next);
    setTheme(next);
  };
  return (
    <div role="group" aria-label="Theme" className="inline-flex rounded-md p-0.5 ring-1 ring-zinc-300" data-testid="theme-toggle">
      {THEMES.map((t) => (
        <button
          key={t}
          type="button"
          aria-pressed={theme === t}
          onClick={() => choose(t)}
          className={`rounded px-2 py-0.5 text-[11px] font-medium focus-visible:outline-2 focus-visible:outline-indigo-500 ${
            theme === t ? "bg-zinc-900 text-white" : "text-zinc-600 hover:bg-zinc-200/70 hover:text-zinc-900"
          }`}
        >
          {LABEL[t]}
        </button>
      ))}
    </div>
  );
}
