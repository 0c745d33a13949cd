import type { Metadata } from "next";
import { cookies } from "next/headers";
import { ConsoleShell } from "@/components/shell/console-shell";
import { BrowserTimeZoneSync, TimeZoneProvider } from "@/components/ui/time-zone";
import { THEME_COOKIE, parseTheme } from "@/components/shell/theme";
import { requireConsoleUser } from "@/lib/http/console-session";
import { getConsoleSettings } from "@/lib/console/get-console-settings";
import { getCallbackLink } from "@/lib/console/get-callback-link";
import { CallbackLinkBanner } from "@/components/risk/callback-link-status";
import { getNeedsAttentionCount } from "@/lib/console/get-needs-attention";
import { BROWSER_TIME_ZONE_COOKIE, isValidTimeZone, type TimeZoneSetting } from "@/lib/domain/time-zone";
import { readCoboReachability } from "@/lib/observability/cobo-reachability";
import { countPendingApprovals } from "@/lib/server/approvals/approval-requests";

export const metadata: Metadata = {
  title: { template: "%s · UCW Console", default: "UCW Console" },
};

// The shell needs the signed-in user; every page still checks the session itself, because a
// layout is not re-rendered on client-side navigation between its pages. (So each page, not the
// layout, sends an admin who must set up two-factor authentication to its page.)
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requireConsoleUser({ beforeTwoFactor: true });
  const { coboEnv } = getConsoleSettings();
  const [attentionCount, approvalCount, cobo, jar, callbackLink] = await Promise.all([
    getNeedsAttentionCount(),
    countPendingApprovals(),
    readCoboReachability(),
    cookies(),
    getCallbackLink(),
  ]);
  const theme = parseTheme(jar.get(THEME_COOKIE)?.value);
  const browserZone = jar.get(BROWSER_TIME_ZONE_COOKIE)?.value;
  const timeZone: TimeZoneSetting = user.timeZone
    ? { zone: user.timeZone, source: "account" }
    : browserZone && isValidTimeZone(browserZone)
      ? { zone: browserZone, source: "browser" }
      : { zone: "UTC", source: "default" };
  // Every DateTime below renders in this zone (components/ui/time-zone.tsx).
  return (
    <TimeZoneProvider value={timeZone}>
      <BrowserTimeZoneSync />
      <ConsoleShell
        user={{ email: user.email, name: user.name, role: user.role }}
        coboEnv={coboEnv}
        timeZone={timeZone}
        theme={theme}
        attentionCount={attentionCount}
        approvalCount={approvalCount}
        coboDown={cobo?.status === "down" ? { since: cobo.since, checkedAt: cobo.checkedAt, detail: cobo.detail } : null}
      >
        <CallbackLinkBanner link={callbackLink} />
        {children}
      </ConsoleShell>
    </TimeZoneProvider>
  );
}
