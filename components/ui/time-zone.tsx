"use client";

import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect } from "react";
import { BROWSER_TIME_ZONE_COOKIE, type TimeZoneSetting } from "@/lib/domain/time-zone";

// The signed-in console user's time zone, given by the console layout to every DateTime below it.
// Its source: the zone the user chose in Settings, else the browser's (told to the server in the
// BROWSER_TIME_ZONE_COOKIE, so the server renders the same text the browser would), else UTC.

const TimeZoneContext = createContext<TimeZoneSetting>({ zone: "UTC", source: "default" });

export function TimeZoneProvider({ value, children }: { value: TimeZoneSetting; children: React.ReactNode }) {
  return <TimeZoneContext.Provider value={value}>{children}</TimeZoneContext.Provider>;
}

export function useTimeZone(): TimeZoneSetting {
  return useContext(TimeZoneContext);
}

/**
 * Tells the server the browser's time zone (a cookie) when the user has not chosen one and the
 * page was rendered in another zone, then re-renders the page once in the browser's zone. Once the
 * cookie holds the browser's zone it does nothing more (a zone the server does not know is shown
 * as UTC rather than refreshed forever).
 */
export function BrowserTimeZoneSync() {
  const { zone, source } = useTimeZone();
  const router = useRouter();
  useEffect(() => {
    if (source === "account") return;
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!browser || browser === zone) return;
    const told = document.cookie
      .split("; ")
      .find((c) => c.startsWith(`${BROWSER_TIME_ZONE_COOKIE}=`))
      ?.slice(BROWSER_TIME_ZONE_COOKIE.length + 1);
    if (told !== undefined && decodeURIComponent(told) === browser) return;
    document.cookie = `${BROWSER_TIME_ZONE_COOKIE}=${encodeURIComponent(browser)}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [zone, source, router]);
  return null;
}
