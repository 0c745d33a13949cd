import Link from "next/link";
import { Badge, RoleBadge } from "@/components/ui/badge";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { SignOutButton } from "@/components/shell/sign-out-button";

export type ShellUser = { email: string; name: string | null; role: "admin" | "support" };

const ENV_TONE = { sandbox: "info", dev: "warning", prod: "danger" } as const;

/** Sidebar (brand, environment, sections, signed-in user) beside the page's main landmark. */
export function ConsoleShell({
  user,
  coboEnv,
  children,
}: {
  user: ShellUser;
  coboEnv: "sandbox" | "dev" | "prod";
  children: React.ReactNode;
}) {
  return (
    <div className="flex min-h-screen flex-col bg-zinc-100/60 text-zinc-900 md:flex-row">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow"
      >
        Skip to content
      </a>
      <aside className="flex shrink-0 flex-col gap-3 border-b border-zinc-200 bg-zinc-50 px-3 py-3 md:sticky md:top-0 md:h-screen md:w-48 md:border-r md:border-b-0 xl:w-56">
        <div className="flex items-center justify-between gap-2 px-1">
          <Link href="/dashboard" className="text-sm font-semibold tracking-tight text-zinc-900">
            UCW Console
          </Link>
          {/* Which Cobo environment this console drives; prod is red so nobody mistakes it. */}
          <Badge tone={ENV_TONE[coboEnv]} title={`Cobo environment: ${coboEnv}`}>
            {coboEnv}
          </Badge>
        </div>
        <SidebarNav />
        <div className="space-y-2 border-t border-zinc-200 pt-3 md:mt-auto">
          <UserBlock user={user} />
          <p className="px-1 text-[11px] text-zinc-400">All times are UTC.</p>
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 px-4 py-5 md:px-6 md:py-6 xl:px-8">
        <div className="mx-auto max-w-7xl">{children}</div>
      </main>
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
