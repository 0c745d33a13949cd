import "server-only";
import type { ActionSpec } from "@/lib/server/actions/run-action";
import {
  setConsoleUserDisabled,
  setConsoleUserDisabledInput,
  type ConsoleUserStatus,
} from "@/lib/server/console/set-console-user-disabled";
import type { z } from "zod";

// Adding console users is lib/server/auth/create-console-user.action-spec.ts; these switch an
// account off and on again. Disabling ends the user's access at once: every page and action
// re-reads the account (findActiveConsoleUser), so an open session stops working too.

/** Admins disable a console user (never themselves). */
export const disableConsoleUserSpec: ActionSpec<z.output<typeof setConsoleUserDisabledInput>, ConsoleUserStatus> = {
  name: "console_user.disable",
  role: "admin",
  input: setConsoleUserDisabledInput,
  target: (input) => ({ type: "console_user", id: input.id }),
  run: (input, actor) => setConsoleUserDisabled({ id: input.id, disabled: true, actorId: actor.id }),
};

/** Admins enable a disabled console user again. */
export const enableConsoleUserSpec: ActionSpec<z.output<typeof setConsoleUserDisabledInput>, ConsoleUserStatus> = {
  name: "console_user.enable",
  role: "admin",
  input: setConsoleUserDisabledInput,
  target: (input) => ({ type: "console_user", id: input.id }),
  run: (input, actor) => setConsoleUserDisabled({ id: input.id, disabled: false, actorId: actor.id }),
};
