"use server";

import { consoleAction } from "@/lib/http/console-action";
import { reapplyWebhookEvent, reapplyWebhookEventInput } from "@/lib/server/webhooks/reapply-webhook-event";

// Admin actions of the webhook pages (made by the console's action client, lib/http/console-action.ts).

/** Admins apply one stored webhook event (our row id) again, with a reason (audited); support staff are refused (audited). */
export const reapplyWebhookEventAction = consoleAction({
  name: "webhook_event.reapply",
  role: "admin",
  input: reapplyWebhookEventInput,
  run: (input) => reapplyWebhookEvent(input.id),
  target: (input) => ({ type: "webhook_event", id: input.id }),
  details: (input) => ({ reason: input.reason }),
});
