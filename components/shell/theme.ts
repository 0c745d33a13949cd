// The console's colour theme: "system" follows the operating system's preference (the default),
// "light" and "dark" override it. Kept in a cookie so the server renders <html data-theme> with
// the chosen theme and the first paint is already right (app/globals.css has the `dark` variant).
// Plain data: imported by the root layout (server) and the toggle (client).

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = "ucw-theme";
/** A year: the choice is a preference of this browser, not of the account. */
export const THEME_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

/** The stored choice, or "system" for a missing or unknown value. */
export function parseTheme(value: string | undefined): Theme {
  return THEMES.find((t) => t === value) ?? "system";
}
