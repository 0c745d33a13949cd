import "server-only";
import { z } from "zod";
import { getCoboGateway } from "@/lib/cobo/client";
import type { CallbackMessage } from "@/lib/cobo/types";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import type { ConsoleActor } from "@/lib/actor";

// Callback recovery. Cobo retries a risk-control callback that gets no valid answer up to 30
// times, then marks the callback message "Failed" and the withdrawal waits in
// PendingAuthorization (docs/cobo.md#risk-control-callback). Nothing resends it by itself: once
// the cause is fixed (our endpoint was down, the signature check refused it, the callback URL was
// wrong) an admin asks Cobo to send it again (retryCallbackMessage), from the Risk page.
// Reconciliation reports every Failed message as drift, so it is seen even if nobody looks.

export type FailedCallbackMessage = {
  id: string;
  requestId: string | null;
  coboTransactionId: string | null;
  coboWalletId: string | null;
  url: string | null;
  status: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  /** our transaction with that request_id, for the console link */
  transactionId: string | null;
};

const MAX_PAGES = 4;
const PAGE_SIZE = 50;

/** Cobo's Failed callback messages (newest first, at most 200), joined to our transactions by request_id. */
export async function listFailedCallbackMessages(): Promise<FailedCallbackMessage[]> {
  const cobo = getCoboGateway();
  const messages: CallbackMessage[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await cobo.listCallbackMessages({ status: "Failed", limit: PAGE_SIZE, ...(after ? { after } : {}) });
    // The status filter is Cobo's; the exact check is ours.
    messages.push(...res.data.filter((m) => m.status === "Failed"));
    after = res.pagination?.after ?? undefined;
    if (!after || res.data.length < PAGE_SIZE) break;
  }
  const requestIds = messages.map((m) => m.request_id).filter((r): r is string => typeof r === "string" && r !== "");
  const ours = requestIds.length
    ? await db.transaction.findMany({ where: { requestId: { in: requestIds } }, select: { id: true, requestId: true } })
    : [];
  const byRequest = new Map(ours.map((t) => [t.requestId, t.id]));
  return messages.map((m) => ({
    id: m.id,
    requestId: m.request_id ?? null,
    coboTransactionId: m.transaction_id ?? null,
    coboWalletId: m.wallet_id ?? null,
    url: m.url ?? null,
    status: m.status ?? null,
    createdAt: m.created_timestamp ? new Date(m.created_timestamp).toISOString() : null,
    updatedAt: m.updated_timestamp ? new Date(m.updated_timestamp).toISOString() : null,
    transactionId: (m.request_id && byRequest.get(m.request_id)) ?? null,
  }));
}

export const retryCallbackMessageInput = z.object({
  messageId: z
    .string()
    .trim()
    .min(1, "is required")
    .max(100, "is too long")
    .regex(/^[A-Za-z0-9_-]+$/, "is not a callback message id"),
});

/**
 * Asks Cobo to send a Failed callback message again (admins, from the console). Only a message
 * Cobo lists as Failed is retried: anything else is a 409 naming its status (a 404 when Cobo does
 * not know it), so a stale page cannot resend an answered message.
 */
export async function retryFailedCallbackMessage(messageId: string, actor: ConsoleActor): Promise<{ messageId: string; retried: boolean }> {
  const cobo = getCoboGateway();
  const found = await cobo.listCallbackMessages({ callback_message_ids: [messageId], limit: 1 });
  const message = found.data.find((m) => m.id === messageId);
  if (!message) throw new AppError("not_found", `Cobo has no callback message ${messageId}.`);
  if (message.status !== "Failed") {
    throw new AppError(
      "conflict",
      `Callback message ${messageId} is ${message.status ?? "in an unknown state"}, not Failed: nothing to retry.`,
    );
  }
  const res = await cobo.retryCallbackMessage(messageId);
  const retried = res.retried !== false;
  logger.info({ event: "callback_message.retry", messageId, retried, actor: actor.id }, "asked Cobo to resend a failed callback message");
  if (!retried) throw new AppError("conflict", `Cobo did not resend callback message ${messageId}.`);
  // Its drift is settled by the next reconciliation pass once Cobo no longer lists it as Failed.
  return { messageId, retried };
}
