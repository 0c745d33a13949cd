"use server";

import { consoleAction } from "@/lib/http/console-action";
import { createAppUser, credentialsSchema } from "@/lib/server/app-users/app-users";

// Admin actions of the users list (made by the console's action client, see _lib/console-action.ts).

/** Admins create app users (for companies that do not let their users sign up themselves). */
export const createAppUserAction = consoleAction({
  name: "app_user.create",
  role: "admin",
  input: credentialsSchema,
  run: (input) => createAppUser(input),
  target: (input, output) => ({ type: "app_user", id: output?.id ?? input.email }),
});
