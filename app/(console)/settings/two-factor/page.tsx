import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireConsoleUser } from "@/lib/http/console-session";
import { TwoFactorSection } from "@/app/(console)/settings/two-factor/two-factor-section";

export const metadata: Metadata = { title: "Two-factor authentication" };

// The one console page an admin who must set up two-factor authentication (CONSOLE_ADMIN_TOTP=required)
// and has not yet can open: every other page sends them here, every other action is refused.
export default async function TwoFactorPage() {
  const user = await requireConsoleUser({ beforeTwoFactor: true });
  return (
    <>
      <PageHeader title="Two-factor authentication" description="Your account's second factor for password sign-in." />
      <TwoFactorSection user={user} continueHref="/dashboard" />
    </>
  );
}
