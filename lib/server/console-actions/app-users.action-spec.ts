import "server-only";
import type { z } from "zod";
import type { ActionSpec } from "@/lib/server/actions/run-action";
import { createAppUser, credentialsSchema, type AppUserSummary } from "@/lib/server/app-auth/app-users";

/** Admins create app users (for companies that do not let their users sign up themselves). */
export const createAppUserSpec: ActionSpec<z.output<typeof credentialsSchema>, AppUserSummary> = {
  name: "app_user.create",
  role: "admin",
  input: credentialsSchema,
  target: (input, output) => ({ type: "app_user", id: output?.id ?? input.email }),
  run: (input) => createAppUser(input),
};
