"use server";

import { consoleAction } from "@/lib/http/console-action";
import {
  consoleUserInput,
  createConsoleUser,
  createConsoleUserWithHash,
  hashConsoleUserInput,
  hashedConsoleUserInput,
} from "@/lib/server/console-users/console-users";
import {
  APPROVAL_POLICY_KEY,
  setApprovalCategory,
  setApprovalCategoryInput,
  turnsApprovalOff,
} from "@/lib/server/approvals/approval-policy";
import { liftSignInLockout, liftSignInLockoutInput } from "@/lib/server/console-users/lift-sign-in-lockout";
import { signOutEverywhere, signOutEverywhereInput } from "@/lib/server/console-users/sign-out-everywhere";
import { setConsoleUserDisabled, setConsoleUserDisabledInput } from "@/lib/server/console-users/set-console-user-disabled";
import { forgetNeedsAttentionCount } from "@/lib/console/get-needs-attention";
import { attentionSettingsInput, updateAttentionSettings } from "@/lib/server/attention/attention-settings";
import { setConsoleUserTimeZone, setTimeZoneInput } from "@/lib/server/console-users/set-time-zone";

// Actions of the settings page (made by the console's action client, see lib/http/console-action.ts).
// Disabling ends the user's access at once: every page and action re-reads the account
// (findActiveConsoleUser), so an open session stops working too.

/**
 * Admins add console users (support staff or other admins). A new admin is in the approval
 * category "new_admin": with the policy on, the request stores the password's hash only (never the
 * password) and the approval creates the user with that hash.
 */
export const createConsoleUserAction = consoleAction({
  name: "console_user.create",
  role: "admin",
  input: consoleUserInput,
  approval: (input) => (input.role === "admin" ? "new_admin" : null),
  approvalStash: {
    save: (input) => hashConsoleUserInput(input),
    run: (stored) => createConsoleUserWithHash(hashedConsoleUserInput.parse(stored)),
    target: (stored, output) => ({ type: "console_user", id: output?.id ?? String(stored.email) }),
  },
  run: (input) => createConsoleUser(input),
  target: (input, output) => ({ type: "console_user", id: output?.id ?? input.email }),
  details: (input) => ({ role: input.role }),
});

/**
 * Admins switch one second-person approval category on (at once) or off. Turning off a category
 * that is on is itself approved by a second admin first (category "approval_policy", always required).
 */
export const setApprovalCategoryAction = consoleAction({
  name: "approvals.policy.set",
  role: "admin",
  input: setApprovalCategoryInput,
  approval: async (input) => ((await turnsApprovalOff(input.category, input.enabled)) ? "approval_policy" : null),
  run: (input) => setApprovalCategory(input.category, input.enabled),
  target: () => ({ type: "system_setting", id: APPROVAL_POLICY_KEY }),
  details: (input) => ({ category: input.category, enabled: input.enabled }),
});

/** Admins disable a console user (never themselves), with a reason (audited). */
export const disableConsoleUserAction = consoleAction({
  name: "console_user.disable",
  role: "admin",
  input: setConsoleUserDisabledInput,
  run: (input, actor) => setConsoleUserDisabled({ id: input.id, disabled: true, actorId: actor.id }),
  target: (input) => ({ type: "console_user", id: input.id }),
  details: (input) => ({ reason: input.reason }),
});

/** Admins enable a disabled console user again, with a reason (audited). */
export const enableConsoleUserAction = consoleAction({
  name: "console_user.enable",
  role: "admin",
  input: setConsoleUserDisabledInput,
  run: (input, actor) => setConsoleUserDisabled({ id: input.id, disabled: false, actorId: actor.id }),
  target: (input) => ({ type: "console_user", id: input.id }),
  details: (input) => ({ reason: input.reason }),
});

/**
 * Ends every session of a console user: your own (any console user; `id` left out, a reason is
 * optional), or anyone's (admins; `id` and a reason, audited).
 */
export const signOutEverywhereAction = consoleAction({
  name: "console_user.sign_out_everywhere",
  role: "any",
  input: signOutEverywhereInput,
  run: (input, actor) => signOutEverywhere(input.id ?? actor.id, actor),
  target: (input, output) => ({ type: "console_user", id: input.id ?? output?.id }),
  details: (input) => ({ reason: input.reason ?? null }),
});

/** Admins lift a console or app account's sign-in lockout (every client address), with a reason (audited). */
export const unlockSignInAction = consoleAction({
  name: "sign_in.unlock",
  role: "admin",
  input: liftSignInLockoutInput,
  run: (input) => liftSignInLockout(input),
  target: (input) => ({ type: input.scope === "console" ? "console_user" : "app_user", id: input.email }),
  details: (input) => ({ reason: input.reason }),
});

/** Every console user picks the time zone the console shows them timestamps in. */
export const setTimeZoneAction = consoleAction({
  name: "console_user.set_time_zone",
  role: "any",
  input: setTimeZoneInput,
  run: (input, actor) => setConsoleUserTimeZone(actor.id, input.timeZone),
  target: () => ({ type: "console_user" }),
  details: (input) => ({ timeZone: input.timeZone }),
});

/** Admins set the needs-attention thresholds and the alert destination (support staff see them read-only). */
export const updateAttentionSettingsAction = consoleAction({
  name: "attention.settings.update",
  role: "admin",
  input: attentionSettingsInput,
  run: async (input) => {
    const result = await updateAttentionSettings(input);
    forgetNeedsAttentionCount();
    return result.current;
  },
  target: () => ({ type: "system_setting", id: "attention.settings" }),
  details: (input) => ({ ...input }),
});
