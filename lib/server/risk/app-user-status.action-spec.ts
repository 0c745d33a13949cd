import "server-only";
import type { z } from "zod";
import type { ActionSpec } from "@/lib/server/actions/run-action";
import { pauseAppUser, pauseAppUserInput, unpauseAppUser, unpauseAppUserInput, type AppUserStatus } from "@/lib/server/risk/set-app-user-status";

/** Admins pause an app user, with a reason: no key changes, no transfers, withdrawals denied at the callback. */
export const pauseAppUserSpec: ActionSpec<z.output<typeof pauseAppUserInput>, AppUserStatus> = {
  name: "app_user.pause",
  role: "admin",
  input: pauseAppUserInput,
  target: (input) => ({ type: "app_user", id: input.userId }),
  details: (input) => ({ reason: input.reason }),
  run: (input, actor) => pauseAppUser(input.userId, input.reason, `console:${actor.id}`),
};

/** Admins unpause an app user (a reason is optional and kept in the audit log). */
export const unpauseAppUserSpec: ActionSpec<z.output<typeof unpauseAppUserInput>, AppUserStatus> = {
  name: "app_user.unpause",
  role: "admin",
  input: unpauseAppUserInput,
  target: (input) => ({ type: "app_user", id: input.userId }),
  details: (input) => ({ reason: input.reason ?? null }),
  run: (input) => unpauseAppUser(input.userId),
};
