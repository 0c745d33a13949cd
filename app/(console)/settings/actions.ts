"use server";

import { runConsoleAction } from "@/app/(console)/_lib/run-console-action";
import { signOutEverywhereSpec, unlockSignInSpec } from "@/lib/server/auth/console-session.action-spec";
import { createConsoleUserSpec } from "@/lib/server/auth/create-console-user.action-spec";
import { disableConsoleUserSpec, enableConsoleUserSpec } from "@/lib/server/console-actions/console-users.action-spec";

export async function createConsoleUserAction(input: unknown) {
  return runConsoleAction(createConsoleUserSpec, input);
}

export async function disableConsoleUserAction(input: unknown) {
  return runConsoleAction(disableConsoleUserSpec, input);
}

export async function enableConsoleUserAction(input: unknown) {
  return runConsoleAction(enableConsoleUserSpec, input);
}

/** Ends every session of a console user: your own, or (admins) anyone's. */
export async function signOutEverywhereAction(input: unknown) {
  return runConsoleAction(signOutEverywhereSpec, input);
}

/** Admins lift a console or app account's sign-in lockout. */
export async function unlockSignInAction(input: unknown) {
  return runConsoleAction(unlockSignInSpec, input);
}
