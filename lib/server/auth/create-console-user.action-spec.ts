import "server-only";
import type { ActionSpec } from "@/lib/server/actions/run-action";
import { consoleUserInput, createConsoleUser, type ConsoleIdentity } from "@/lib/server/auth/console-users";
import type { z } from "zod";

/** Admins add console users (support staff or other admins). */
export const createConsoleUserSpec: ActionSpec<z.output<typeof consoleUserInput>, ConsoleIdentity> = {
  name: "console_user.create",
  role: "admin",
  input: consoleUserInput,
  target: (input, output) => ({ type: "console_user", id: output?.id ?? input.email }),
  run: (input) => createConsoleUser(input),
};
