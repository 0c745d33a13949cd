import type { Metadata } from "next";
import { ConsoleShell } from "@/components/shell/console-shell";
import { requireConsoleUser } from "@/lib/server/auth/console-session";
import { getConsoleSettings } from "@/lib/server/console/get-console-settings";

export const metadata: Metadata = {
  title: { template: "%s · UCW Console", default: "UCW Console" },
};

// The shell needs the signed-in user; every page still checks the session itself, because a
// layout is not re-rendered on client-side navigation between its pages.
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requireConsoleUser();
  const { coboEnv } = getConsoleSettings();
  return (
    <ConsoleShell user={{ email: user.email, name: user.name, role: user.role }} coboEnv={coboEnv}>
      {children}
    </ConsoleShell>
  );
}
