import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { patchObjectSetting, readSetting } from "@/lib/db/system-settings";
import { getEnv } from "@/lib/env";
import {
  APPROVAL_CATEGORIES,
  defaultApprovalPolicy,
  type ApprovalCategory,
  type ApprovalPolicy,
  type ApprovalPolicyCategory,
} from "@/lib/domain/approvals";

// Which sensitive console actions need a second admin's approval: one JSON value in
// system_settings (`approvals.policy`, shared by every instance, like attention.settings), edited
// by admins in Settings. A category never set (or stored in a shape that no longer parses) takes
// its default: ON when this backend talks to Cobo's prod environment (COBO_ENV=prod), OFF in the
// sandbox and dev, where approvals would only slow testing down.
//
// Turning a category ON is immediate; turning it OFF while it is ON is itself a sensitive change
// (category `approval_policy`, always required), so one admin alone cannot switch the control off
// and then act without it. The console action declares that (app/(console)/settings/actions.ts).

export const APPROVAL_POLICY_KEY = "approvals.policy";

export const setApprovalCategoryInput = z.object({
  category: z.enum(APPROVAL_CATEGORIES, "Pick a category."),
  enabled: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]),
});

/** The policy in force: the stored value, each category missing or unreadable replaced by its default. */
export async function readApprovalPolicy(): Promise<ApprovalPolicy> {
  const stored = (await readSetting<Prisma.InputJsonObject>(APPROVAL_POLICY_KEY)) as Record<string, unknown> | undefined;
  const policy = defaultApprovalPolicy(getEnv().COBO_ENV);
  if (stored && typeof stored === "object" && !Array.isArray(stored))
    for (const category of APPROVAL_CATEGORIES) if (typeof stored[category] === "boolean") policy[category] = stored[category];
  return policy;
}

/** Whether a request in `category` must wait for a second admin now (`approval_policy` always does). */
export async function approvalRequired(category: ApprovalCategory): Promise<boolean> {
  if (category === "approval_policy") return true;
  return (await readApprovalPolicy())[category];
}

/** Whether switching `category` to `enabled` turns off a requirement that is on now (that needs approval). */
export async function turnsApprovalOff(category: ApprovalPolicyCategory, enabled: boolean): Promise<boolean> {
  return !enabled && (await readApprovalPolicy())[category];
}

/**
 * Sets one category in one statement (two admins changing different categories at once both keep
 * theirs). Every category is stored, so a later change of the default does not flip a choice made here.
 */
export async function setApprovalCategory(category: ApprovalPolicyCategory, enabled: boolean): Promise<ApprovalPolicy> {
  await patchObjectSetting(APPROVAL_POLICY_KEY, { ...defaultApprovalPolicy(getEnv().COBO_ENV) }, { [category]: enabled });
  return readApprovalPolicy();
}
