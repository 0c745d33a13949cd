import { Section } from "@/components/ui/section";
import { TwoFactorPanel } from "@/components/settings/two-factor-panel";
import { ResetTwoFactorForm } from "@/components/settings/reset-two-factor-form";
import { getTwoFactorStatus } from "@/lib/console/get-two-factor-status";
import type { ConsoleIdentity } from "@/lib/server/console-users/console-users";
import {
  confirmTotpEnrolmentAction,
  disableTotpAction,
  resetConsoleUserTotpAction,
  startTotpEnrolmentAction,
} from "@/app/(console)/settings/two-factor/actions";

// The two-factor parts of Settings, kept apart from the rest of the page: the signed-in user's own
// TOTP (also the whole of /settings/two-factor), and the admins' reset of someone else's.

/** "Two-factor authentication" for the signed-in console user's own account. */
export async function TwoFactorSection({ user, continueHref }: { user: Pick<ConsoleIdentity, "id" | "role">; continueHref?: string }) {
  const status = await getTwoFactorStatus(user);
  return (
    <div id="two-factor">
      <Section
        title="Two-factor authentication"
        description="A 6-digit code from an authenticator app at every password sign-in (single sign-on relies on your identity provider's own)."
      >
        <TwoFactorPanel
          status={status}
          startAction={startTotpEnrolmentAction}
          confirmAction={confirmTotpEnrolmentAction}
          disableAction={disableTotpAction}
          continueHref={continueHref}
        />
      </Section>
    </div>
  );
}

/** Admins only: turn another console user's two-factor authentication off. */
export function ResetTwoFactorSection() {
  return (
    <Section
      title="Reset two-factor authentication"
      description="For a console user who lost their authenticator. Audited. Your own: set it up again or turn it off above."
    >
      <ResetTwoFactorForm action={resetConsoleUserTotpAction} />
    </Section>
  );
}
