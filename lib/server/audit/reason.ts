import { z } from "zod";

// The reason an admin gives for a destructive or state-changing console action: required,
// trimmed, 3 to 500 characters, and kept in the audit log (the action's `details`). The same
// bounds and messages as the reasons of the app-user, pause, cancel and retire actions, so every
// confirmation form (components/actions/confirmed-action-form.tsx) reads the same.

export const AUDIT_REASON_MAX = 500;

export const auditReason = z
  .string("Give a reason.")
  .trim()
  .min(3, "Give a reason (at least 3 characters).")
  .max(AUDIT_REASON_MAX, `A reason has at most ${AUDIT_REASON_MAX} characters.`);
