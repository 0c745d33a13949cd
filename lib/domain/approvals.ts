// Second-person approval: the categories of sensitive console action an admin may have to get a
// second admin's approval for (lib/http/console-action.ts, lib/server/approvals/), with their
// labels. Plain data: the console's components import it too.

/** The categories admins switch on and off in Settings. */
export const APPROVAL_CATEGORIES = ["recovery", "unpause", "risk_rules", "new_admin"] as const;
export type ApprovalPolicyCategory = (typeof APPROVAL_CATEGORIES)[number];

/**
 * Every category a request can have: the four above, and `approval_policy` (turning one of them
 * off while it is on), which is always required and cannot itself be switched off.
 */
export type ApprovalCategory = ApprovalPolicyCategory | "approval_policy";

export const APPROVAL_CATEGORY_LABELS: Record<ApprovalCategory, string> = {
  recovery: "Recovery of a Main Group",
  unpause: "Unpausing an app user",
  risk_rules: "Risk-rule changes (amount limits and address rules)",
  new_admin: "New admins",
  approval_policy: "Turning an approval requirement off",
};

export const APPROVAL_CATEGORY_HINTS: Record<ApprovalPolicyCategory, string> = {
  recovery: "Moving a user's Main Group to a new device from a Recovery Group.",
  unpause: "Letting a paused user change keys and move money again.",
  risk_rules: "Adding or deleting amount limits and address allow/deny rules.",
  new_admin: "Adding a console user with the admin role (support staff need no approval).",
};

export type ApprovalPolicy = Record<ApprovalPolicyCategory, boolean>;

/** The policy when admins have not set one: every category on against Cobo's prod environment, off in the sandbox and dev. */
export function defaultApprovalPolicy(coboEnv: "sandbox" | "dev" | "prod"): ApprovalPolicy {
  const on = coboEnv === "prod";
  return { recovery: on, unpause: on, risk_rules: on, new_admin: on };
}

export function isApprovalPolicyCategory(value: unknown): value is ApprovalPolicyCategory {
  return typeof value === "string" && (APPROVAL_CATEGORIES as readonly string[]).includes(value);
}

/** How long a request waits for a second admin before it expires. */
export const APPROVAL_TTL_HOURS = 24;

export const APPROVAL_STATUSES = ["pending", "approved", "failed", "rejected", "cancelled", "expired"] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** Input keys never shown or audited from a stored request (a new admin's password hash). */
export function isSecretInputKey(key: string): boolean {
  return /password|secret/i.test(key) || /token$/i.test(key);
}

/** What each approvable console action does, in words (by its audit name). */
export const APPROVABLE_ACTION_LABELS: Record<string, string> = {
  "group.recover_main": "Recover the Main Group onto a new device",
  "app_user.unpause": "Unpause an app user",
  "risk_limit.create": "Add an amount limit",
  "risk_limit.delete": "Delete an amount limit",
  "risk_address_rule.create": "Add an address rule",
  "risk_address_rule.delete": "Delete an address rule",
  "console_user.create": "Add a console admin",
  "approvals.policy.set": "Change the approval policy",
};
