"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { concernsPage, parseNotice } from "@/components/shell/live-refresh";

// Live updates: the console listens to /api/console/live and re-renders the current page (a
// server re-render keeps what the user typed and where they scrolled) when a notice concerns it,
// at most once every two seconds. Paused while the tab is hidden (one refresh on return) and when
// the user turns it off (remembered in this browser).

const STORAGE_KEY = "ucw.live";
const MIN_GAP_MS = 2000;

type State = "connecting" | "live" | "paused" | "offline";

// The on/off preference lives in localStorage; components read it as an external store.
const PREFERENCE_EVENT = "ucw-live-preference";
function subscribePreference(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(PREFERENCE_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(PREFERENCE_EVENT, onChange);
  };
}
const readPreference = () => window.localStorage.getItem(STORAGE_KEY) !== "off";
function writePreference(on: boolean) {
  window.localStorage.setItem(STORAGE_KEY, on ? "on" : "off");
  window.dispatchEvent(new Event(PREFERENCE_EVENT));
}

export function LiveUpdates() {
  const router = useRouter();
  const pathname = usePathname();
  const pathRef = useRef(pathname);
  const enabled = useSyncExternalStore(subscribePreference, readPreference, () => true);
  const [connection, setConnection] = useState<Exclude<State, "paused">>("connecting");
  const [lastRefresh, setLastRefresh] = useState<Date | null>(null);

  useEffect(() => {
    pathRef.current = pathname;
  }, [pathname]);

  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let pending: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    let missedWhileHidden = false;

    const refresh = () => {
      pending = undefined;
      if (document.hidden) {
        missedWhileHidden = true;
        return;
      }
      last = Date.now();
      setLastRefresh(new Date());
      router.refresh();
    };
    const schedule = () => {
      if (pending) return;
      pending = setTimeout(refresh, Math.max(250, last + MIN_GAP_MS - Date.now()));
    };
    const onNotice = (event: string) => (e: MessageEvent<string>) => {
      const notice = parseNotice(event, e.data);
      if (notice && concernsPage(pathRef.current, notice)) schedule();
    };
    const onVisible = () => {
      if (!document.hidden && missedWhileHidden) {
        missedWhileHidden = false;
        schedule();
      }
    };
    const connect = () => {
      source = new EventSource("/api/console/live");
      source.addEventListener("open", () => setConnection("live"));
      source.addEventListener("change", onNotice("change"));
      source.addEventListener("webhook", onNotice("webhook"));
      source.addEventListener("error", () => {
        // The browser reconnects by itself after a dropped stream; a refused one (signed out, server
        // down) is closed for good, so try again a little later.
        if (source?.readyState === EventSource.CLOSED) {
          setConnection("offline");
          retry = setTimeout(() => {
            setConnection("connecting");
            connect();
          }, 15_000);
        } else setConnection("connecting");
      });
    };
    connect();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      source?.close();
      if (retry) clearTimeout(retry);
      if (pending) clearTimeout(pending);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [enabled, router]);

  const toggle = () => {
    if (!enabled) setConnection("connecting");
    writePreference(!enabled);
  };
  const state: State = enabled ? connection : "paused";
  const label = { connecting: "Connecting…", live: "Live", paused: "Paused", offline: "Offline" }[state];
  const dot = { connecting: "bg-amber-500", live: "bg-emerald-600", paused: "bg-zinc-400", offline: "bg-red-600" }[state];
  return (
    <button
      type="button"
      onClick={toggle}
      aria-pressed={enabled}
      data-testid="live-updates"
      data-state={state}
      title={
        enabled
          ? `Pages update as changes arrive${lastRefresh ? `; last update ${lastRefresh.toLocaleTimeString()}` : ""}. Click to pause.`
          : "Live updates are paused. Click to resume."
      }
      className="flex items-center gap-1.5 rounded-md px-1 py-0.5 text-[11px] font-medium text-zinc-700 hover:bg-zinc-200/70"
    >
      <span aria-hidden className={`inline-block h-2 w-2 rounded-full ${dot}`} />
      Live updates: {label}
    </button>
  );
}
