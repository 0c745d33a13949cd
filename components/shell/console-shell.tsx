import Link from "next/link";
import { Badge, RoleBadge } from "@/components/ui/badge";
import { CollapsibleSidebar } from "@/components/shell/collapsible-sidebar";
import { ConsoleSearch } from "@/components/shell/console-search";
import { LiveUpdates } from "@/components/shell/live-updates";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { DateTime } from "@/components/ui/date-time";
import type { Theme } from "@/components/shell/theme";
import { ThemeToggle } from "@/components/shell/theme-toggle";

export type ShellUser = { email: string; name: string | null; role: "admin" | "support" };

/** The last Cobo health probe failed: since when, and what it found. */
export type CoboDown = { since: string; checkedAt: string; detail: string | null };

const ENV_TONE = { sandbox: "info", dev: "warning", prod: "danger" } as const;

/** Sidebar (brand, environment, sections, signed-in user, theme) beside the search bar and the page's main landmark. */
export function ConsoleShell({
  user,
  coboEnv,
  timeZone,
  attentionCount,
  approvalCount = 0,
  coboDown,
  theme,
  children,
}: {
  user: ShellUser;
  coboEnv: "sandbox" | "dev" | "prod";
  /** the zone timestamps are shown in, and whether it is the browser's */
  timeZone: { zone: string; source: "account" | "browser" | "default" };
  attentionCount: number;
  /** pending second-person approval requests (the Approvals page) */
  approvalCount?: number;
  coboDown: CoboDown | null;
  theme: Theme;
  children: React.ReactNode;
}) {
  return (
    <div className="flex min-h-screen flex-col bg-zinc-50 text-zinc-900 lg:flex-row">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow"
      >
        Skip to content
      </a>
      <CollapsibleSidebar
        header={
          <div className="flex min-w-0 flex-1 items-center justify-between gap-2">
            <Link href="/dashboard" className="text-sm font-semibold tracking-tight text-zinc-900">
              UCW Console
            </Link>
            {/* Which Cobo environment this console drives; prod is red so nobody mistakes it. */}
            <Badge tone={ENV_TONE[coboEnv]} title={`Cobo environment: ${coboEnv}`}>
              {coboEnv}
            </Badge>
          </div>
        }
      >
        <SidebarNav counts={{ "/needs-attention": attentionCount, "/approvals": approvalCount }} />
        <div className="space-y-2 border-t border-zinc-200 pt-3 lg:mt-auto">
          <UserBlock user={user} />
          <LiveUpdates />
          <div className="px-1">
            <ThemeToggle initial={theme} />
          </div>
          <p className="px-1 text-[11px] text-zinc-600" data-testid="time-zone-note">
            Times in{" "}
            <Link href="/settings" className="underline decoration-zinc-300 hover:text-zinc-900">
              {timeZone.zone}
            </Link>
            {timeZone.source === "browser" ? " (your browser's)" : ""}.
          </p>
        </div>
      </CollapsibleSidebar>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="px-4 pt-4 md:px-6 xl:px-8">
          <div className="mx-auto max-w-7xl">
            <div className="max-w-xl">
              <ConsoleSearch />
            </div>
          </div>
        </header>
        <main id="main" className="min-w-0 flex-1 px-4 py-5 md:px-6 md:py-6 xl:px-8">
          <div className="mx-auto max-w-7xl">
            {coboDown ? <CoboUnreachableBanner down={coboDown} /> : null}
            {children}
          </div>
        </main>
      </div>
    </div>
  );
}

function UserBlock({ user }: { user: ShellUser }) {
  return (
    <div className="flex min-w-0 items-center justify-between gap-2 px-1" aria-label="Signed-in user" role="group">
      <div className="min-w-0">
        <p className="truncate text-xs font-medium text-zinc-800" title={user.email} data-testid="signed-in-email">
          {user.email}
        </p>
        <div className="mt-0.5">
          <RoleBadge role={user.role} />
        </div>
      </div>
      <SignOutButton />
    </div>
  );
}

function CoboUnreachableBanner({ down }: { down: CoboDown }) {
  return (
    <div
      role="alert"
      data-testid="cobo-unreachable"
      className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
    >
      <strong className="font-semibold">Cobo is unreachable</strong> since <DateTime value={down.since} />
      {down.detail ? <> ({down.detail})</> : null}. Actions that call Cobo fail until it answers again; last checked{" "}
      <DateTime value={down.checkedAt} />.
    </div>
  );
}
