"use server";

import { runConsoleAction } from "@/app/(console)/_lib/run-console-action";
import { createAppUserSpec } from "@/lib/server/console-actions/app-users.action-spec";

export async function createAppUserAction(input: unknown) {
  return runConsoleAction(createAppUserSpec, input);
}
