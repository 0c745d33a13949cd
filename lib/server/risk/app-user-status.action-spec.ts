import "server-only";
import type { z } from "zod";
import type { ActionSpec } from "@/lib/server/actions/run-action";
import { appUserStatusInput, setAppUserStatus, type AppUserStatus } from "@/lib/server/risk/set-app-user-status";

/** Admins pause an app user: the risk-control callback denies their withdrawals until unpaused. */
export const pauseAppUserSpec: ActionSpec<z.output<typeof appUserStatusInput>, AppUserStatus> = {
  name: "app_user.pause",
  role: "admin",
  input: appUserStatusInput,
  target: (input) => ({ type: "app_user", id: input.userId }),
  run: (input) => setAppUserStatus(input.userId, "paused"),
};

/** Admins unpause an app user, allowing withdrawals again. */
export const unpauseAppUserSpec: ActionSpec<z.output<typeof appUserStatusInput>, AppUserStatus> = {
  name: "app_user.unpause",
  role: "admin",
  input: appUserStatusInput,
  target: (input) => ({ type: "app_user", id: input.userId }),
  run: (input) => setAppUserStatus(input.userId, "active"),
};
