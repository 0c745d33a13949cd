import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { auditReason } from "@/lib/server/audit/reason";
import { INBOX_RETRY } from "@/lib/server/cobo-inbound/inbox";
import { applyWebhookEvent } from "@/lib/server/webhooks/apply-webhook-event";

// "Re-apply": an admin applies a stored webhook event again, e.g. after fixing what made it fail,
// or to have its object re-read (a TSS request event re-reads the request from Cobo). Applying is
// idempotent (state only moves as the status rules allow, adoption happens once), so applying an
// event twice changes nothing that once did not. The event is taken for this call as an inbox claim
// would (due again only when the lease ends), so no worker applies it meanwhile. Only events Cobo
// signed, or that reconciliation read from Cobo's API, are ever applied. It changes state outside the
// inbox's own schedule, so the admin says why (the reason is kept in the audit log).

/** The console form's input: our row id and the admin's reason. */
export const reapplyWebhookEventInput = z.object({ id: z.guid("Unknown record."), reason: auditReason });

export type ReapplyResult = { eventId: string; previousStatus: string; status: string; error: string | null };

/** Applies one inbox event (our row id) again; a failure is answered, recorded on the event, and retried by the inbox. */
export async function reapplyWebhookEvent(id: string): Promise<ReapplyResult> {
  const row = await db.webhookEvent.findUnique({ where: { id }, select: { eventId: true, status: true, signatureResult: true } });
  if (!row) throw new AppError("not_found", "This webhook event does not exist.");
  if (row.signatureResult !== "valid" && row.signatureResult !== "api") {
    throw new AppError("conflict", "This event was not signed by Cobo; it is never applied.");
  }
  await db.webhookEvent.update({
    where: { id },
    data: { status: "received", nextAttemptAt: new Date(Date.now() + INBOX_RETRY.leaseSeconds * 1000) },
  });
  try {
    const status = await applyWebhookEvent(id);
    return { eventId: row.eventId, previousStatus: row.status, status, error: null };
  } catch (error) {
    // applyWebhookEvent recorded the failure on the event; the inbox retries it on its schedule.
    await db.webhookEvent.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() + INBOX_RETRY.backoffBaseSeconds * 1000) } });
    logger.warn({ err: error, webhookEventId: id }, "re-applying a webhook event failed");
    const message = error instanceof Error ? error.message.slice(0, 300) : "unknown error";
    return { eventId: row.eventId, previousStatus: row.status, status: "failed", error: message };
  }
}
