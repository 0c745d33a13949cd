"use server";

import { runConsoleAction } from "@/app/(console)/_lib/run-console-action";
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
