import "server-only";
import { z } from "zod";
import { AddressInfoSchema, TransactionSchema, WalletInfoSchema } from "@/lib/cobo/types";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";
import { metrics } from "@/lib/observability/metrics";
import { applyTransactionEvent } from "@/lib/server/transactions/apply-transaction-event";
import { syncTssRequest } from "@/lib/server/tss-requests/sync-tss-request";
import { adoptAddresses, adoptWallet } from "@/lib/server/wallets/adopt-wallets";

// Applies one stored webhook event: routes it by its type to its area, and records the outcome.
// Events are triggers: TSS request events carry no vault id and may arrive out of order, so the
// request is re-read from Cobo (syncTssRequest, which adopts one of our groups' requests we have
// not seen); transaction events carry the whole signed transaction with its update time, which
// the monotonic rule orders (applyTransactionEvent); wallets and addresses made at Cobo are
// adopted when they are our vaults' (lib/server/wallets/adopt-wallets.ts). Anything outside our
// project is recorded as ignored, with the reason. Unknown types (and data that does not match
// its type) are kept and ignored, never fatal. Applying an event twice changes nothing.

export type ApplyOutcome = "applied" | "ignored";

// What each of Cobo's event types carries (WebhookEventType). The event's `type` decides the
// handler; `data.data_type` must then agree with it, so a payload that does not match its type is
// recorded as ignored instead of being applied as something else.
const TssData = z.looseObject({
  data_type: z.literal("TSSRequest"),
  tss_request_id: z.string(),
  target_key_share_holder_group_id: z.string().nullish(),
  source_key_share_holder_group: z.looseObject({ key_share_holder_group_id: z.string().nullish() }).nullish(),
});
const TxData = TransactionSchema.extend({ data_type: z.literal("Transaction") });
const WalletData = z.looseObject({ data_type: z.literal("WalletInfo"), wallet: WalletInfoSchema });
const AddressesData = z.looseObject({
  data_type: z.literal("Addresses"),
  addresses: z.array(AddressInfoSchema.extend({ wallet_id: z.string().nullish() })),
});

type Outcome = { outcome: ApplyOutcome; note?: string };

const TX_EVENTS = [
  "wallets.transaction.created",
  "wallets.transaction.updated",
  "wallets.transaction.succeeded",
  "wallets.transaction.failed",
];
const TSS_EVENTS = [
  "wallets.mpc.tss_request.created",
  "wallets.mpc.tss_request.updated",
  "wallets.mpc.tss_request.succeeded",
  "wallets.mpc.tss_request.failed",
];

/** A handler: null when the data does not have the shape its event type promises. */
type Handler = (webhookEventId: string, data: unknown) => Promise<Outcome | null>;

function handler<S extends z.ZodType>(schema: S, apply: (webhookEventId: string, data: z.infer<S>) => Promise<Outcome>): Handler {
  return async (webhookEventId, data) => {
    const parsed = schema.safeParse(data);
    return parsed.success ? apply(webhookEventId, parsed.data) : null;
  };
}

/** The handler of each event type Cobo documents that concerns this backend. */
const HANDLERS = new Map<string, Handler>([
  ...TX_EVENTS.map((t) => [t, handler(TxData, onTransaction)] as const),
  ...TSS_EVENTS.map((t) => [t, handler(TssData, onTssRequest)] as const),
  ["wallets.created", handler(WalletData, onWallet)],
  ["wallets.addresses.created", handler(AddressesData, onAddresses)],
]);

/** Applies the inbox event `webhookEventId`; marks it applied/ignored, or failed with the error (and rethrows for a retry). */
export async function applyWebhookEvent(webhookEventId: string): Promise<ApplyOutcome> {
  const event = await db.webhookEvent.findUnique({
    where: { id: webhookEventId },
    select: { id: true, type: true, rawBody: true, status: true },
  });
  if (!event) return "ignored";
  if (event.status === "applied" || event.status === "ignored") return event.status;
  await db.webhookEvent.update({ where: { id: event.id }, data: { attempts: { increment: 1 } } });
  try {
    const payload = JSON.parse(event.rawBody) as { data?: unknown };
    const outcome = await dispatch(event.id, event.type, payload.data ?? {});
    await db.webhookEvent.update({
      where: { id: event.id },
      data: { status: outcome.outcome, appliedAt: new Date(), lastError: outcome.note ?? null },
    });
    metrics.webhooks.inc({ type: event.type, result: outcome.outcome });
    return outcome.outcome;
  } catch (error) {
    const message = error instanceof Error ? error.message.slice(0, 500) : "unknown error";
    await db.webhookEvent.update({ where: { id: event.id }, data: { status: "failed", lastError: message } });
    metrics.webhooks.inc({ type: event.type, result: "failed" });
    logger.warn({ err: error, webhookEventId: event.id, type: event.type }, "applying a webhook event failed");
    throw error;
  }
}

/** Dispatches by the event's type (not by what its data claims to be). */
async function dispatch(webhookEventId: string, type: string, data: unknown): Promise<Outcome> {
  const handle = HANDLERS.get(type);
  if (!handle) return { outcome: "ignored", note: `no handler for event type ${type}` };
  const outcome = await handle(webhookEventId, data);
  if (outcome) return outcome;
  const dataType = typeof data === "object" && data !== null && "data_type" in data ? String(data.data_type).slice(0, 64) : "(none)";
  return { outcome: "ignored", note: `its data (data_type ${dataType}) does not match event type ${type}` };
}

async function onTssRequest(webhookEventId: string, d: z.infer<typeof TssData>): Promise<Outcome> {
  // The groups only point at the vault to re-read it in; an unseen request of ours is adopted.
  const groups = {
    targetGroupId: d.target_key_share_holder_group_id,
    sourceGroupId: d.source_key_share_holder_group?.key_share_holder_group_id,
  };
  const result = await syncTssRequest(d.tss_request_id, "webhook", { webhookEventId, groups });
  return result.found ? { outcome: "applied" } : { outcome: "ignored", note: "TSS request of no group of ours" };
}

async function onTransaction(webhookEventId: string, d: z.infer<typeof TxData>): Promise<Outcome> {
  const result = await applyTransactionEvent(d, webhookEventId);
  return result.found || result.created ? { outcome: "applied" } : { outcome: "ignored", note: "transaction of no wallet of ours" };
}

async function onWallet(_webhookEventId: string, d: z.infer<typeof WalletData>): Promise<Outcome> {
  return (await adoptWallet(d.wallet)) ? { outcome: "applied" } : { outcome: "ignored", note: "wallet of no vault of ours" };
}

async function onAddresses(_webhookEventId: string, d: z.infer<typeof AddressesData>): Promise<Outcome> {
  return (await adoptAddresses(d.addresses)) > 0 ? { outcome: "applied" } : { outcome: "ignored", note: "addresses of no wallet of ours" };
}
