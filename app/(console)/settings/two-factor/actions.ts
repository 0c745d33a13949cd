"use server";

import { consoleAction } from "@/lib/http/console-action";
import { qrCodeDataUrl } from "@/lib/console/totp-qr";
import {
  confirmTotpEnrolment,
  confirmTotpEnrolmentInput,
  disableTotp,
  disableTotpInput,
  resetConsoleUserTotp,
  resetConsoleUserTotpInput,
  startTotpEnrolment,
  startTotpEnrolmentInput,
} from "@/lib/server/console-users/two-factor";

// The two-factor actions of Settings (lib/server/console-users/two-factor.ts does the work). The
// audit rows name the console user and the outcome only: never a code, never the secret. The
// enrolment's own actions are open to an admin who must set up two-factor authentication first;
// every other console action refuses them until they have.

/** Starts setting up TOTP for your own account: answers the new secret (and its QR code) this once. */
export const startTotpEnrolmentAction = consoleAction({
  name: "console_user.totp.start",
  role: "any",
  input: startTotpEnrolmentInput,
  beforeTwoFactor: true,
  run: async (input, actor) => {
    const enrolment = await startTotpEnrolment(actor, input.currentCode);
    return { ...enrolment, qrCode: await qrCodeDataUrl(enrolment.uri) };
  },
  target: () => ({ type: "console_user" }),
});

/** Confirms the set-up with a current code: from then on, sign-in asks for one. */
export const confirmTotpEnrolmentAction = consoleAction({
  name: "console_user.totp.enable",
  role: "any",
  input: confirmTotpEnrolmentInput,
  beforeTwoFactor: true,
  run: (input, actor) => confirmTotpEnrolment(actor, input.code),
  target: () => ({ type: "console_user" }),
});

/** Turns TOTP off for your own account, with a current code (refused to admins while it is required). */
export const disableTotpAction = consoleAction({
  name: "console_user.totp.disable",
  role: "any",
  input: disableTotpInput,
  run: (input, actor) => disableTotp(actor, input.code),
  target: () => ({ type: "console_user" }),
});

/** Admins reset another console user's TOTP (a lost phone): they sign in with their password alone until they set it up again. */
export const resetConsoleUserTotpAction = consoleAction({
  name: "console_user.totp.reset",
  role: "admin",
  input: resetConsoleUserTotpInput,
  run: (input, actor) => resetConsoleUserTotp(input.email, actor),
  target: (input, output) => ({ type: "console_user", id: output?.id ?? input.email }),
  details: (input) => ({ email: input.email }),
});
