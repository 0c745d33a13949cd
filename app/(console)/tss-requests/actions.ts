"use server";

import { z } from "zod";
import { consoleAction } from "@/lib/http/console-action";
import { adminCancelInput, cancelTssRequest } from "@/lib/server/tss-requests/cancel-tss-request";
import { rereadTssRequest } from "@/lib/server/tss-requests/reread-tss-request";

// Admin actions of the TSS request pages (made by the console's action client, see _lib/console-action.ts).

/** Admins re-read one TSS request (our row id) from Cobo. */
export const rereadTssRequestAction = consoleAction({
  name: "tss_request.reread",
  role: "admin",
  input: z.object({ id: z.guid("Unknown record.") }),
  run: (input) => rereadTssRequest(input.id),
  target: (input) => ({ type: "tss_request", id: input.id }),
});

/**
 * Admins cancel a TSS request (our row id) that has not ended: a key generation for the wrong
 * device, or an app reinstalled before approving, leaves the user stuck in onboarding otherwise.
 */
export const cancelTssRequestAction = consoleAction({
  name: "tss_request.cancel",
  role: "admin",
  input: adminCancelInput,
  run: (input, actor) => cancelTssRequest({ anyId: input.id }, { by: actor, reason: input.reason }),
  target: (input) => ({ type: "tss_request", id: input.id }),
  details: (input) => ({ reason: input.reason }),
});
