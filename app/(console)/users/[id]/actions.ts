"use server";

import { runConsoleAction } from "@/app/(console)/_lib/run-console-action";
import { createMainGroupSpec, createRecoveryGroupSpec, recoverMainGroupSpec } from "@/lib/server/console-actions/groups.action-spec";
import { pauseAppUserSpec, unpauseAppUserSpec } from "@/lib/server/risk/app-user-status.action-spec";

// Admin actions of the user page. Server actions are public endpoints: each goes through the
// spec's role check and input schema, whatever the page did or did not render.

export async function createMainGroupAction(input: unknown) {
  return runConsoleAction(createMainGroupSpec, input);
}

export async function createRecoveryGroupAction(input: unknown) {
  return runConsoleAction(createRecoveryGroupSpec, input);
}

export async function recoverMainGroupAction(input: unknown) {
  return runConsoleAction(recoverMainGroupSpec, input);
}

export async function pauseUserAction(input: unknown) {
  return runConsoleAction(pauseAppUserSpec, input);
}

export async function unpauseUserAction(input: unknown) {
  return runConsoleAction(unpauseAppUserSpec, input);
}
