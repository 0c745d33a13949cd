import "server-only";
import { z } from "zod";
import { AddressInfoSchema, TransactionSchema, WalletInfoSchema } from "@/lib/cobo/types";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";
import { metrics } from "@/lib/observability/metrics";
import { applyTransactionUpdate } from "@/lib/server/transactions/apply-transaction-update";
import { walletNameFromCobo } from "@/lib/server/wallets/create-wallet";
import { storeAddresses } from "@/lib/server/wallets/store-addresses";
import { syncTssRequest } from "@/lib/server/tss-requests/sync-tss-request";

// Applies one stored webhook event. Events are triggers: TSS request events carry no vault id and
// may arrive out of order, so the request is re-read from Cobo; transaction events carry the whole
// signed transaction with its update time, which the monotonic rule orders. Objects that belong to
// our vaults but that we have not seen (a deposit, a wallet or address made in Cobo Portal) are
// created; anything outside our project is recorded as ignored. Unknown event types are kept and
// ignored, never fatal. Applying an event twice changes nothing.

export type ApplyOutcome = "applied" | "ignored";

const TssData = z.looseObject({
  data_type: z.literal("TSSRequest"),
  tss_request_id: z.string(),
  target_key_share_holder_group_id: z.string().nullish(),
  source_key_share_holder_group: z.looseObject({ key_share_holder_group_id: z.string().nullish() }).nullish(),
});
const TxData = TransactionSchema.extend({ data_type: z.literal("Transaction") });
const WalletData = z.looseObject({ data_type: z.literal("WalletInfo"), wallet: WalletInfoSchema });
const AddressesData = z.looseObject({ data_type: z.literal("Addresses"), addresses: z.array(AddressInfoSchema.extend({ wallet_id: z.string().nullish() })) });

/** Applies the inbox event `webhookEventId`; marks it applied/ignored, or failed with the error (and rethrows for a retry). */
export async function applyWebhookEvent(webhookEventId: string): Promise<ApplyOutcome> {
  const event = await db.webhookEvent.findUnique({ where: { id: webhookEventId }, select: { id: true, type: true, rawBody: true, status: true } });
  if (!event) return "ignored";
  if (event.status === "applied" || event.status === "ignored") return event.status;
  await db.webhookEvent.update({ where: { id: event.id }, data: { attempts: { increment: 1 } } });
  try {
    const payload = JSON.parse(event.rawBody) as { data?: { data_type?: string } };
    const outcome = await dispatch(event.id, payload.data ?? {});
    await db.webhookEvent.update({ where: { id: event.id }, data: { status: outcome.outcome, appliedAt: new Date(), lastError: outcome.note ?? null } });
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

async function dispatch(webhookEventId: string, data: { data_type?: string }): Promise<{ outcome: ApplyOutcome; note?: string }> {
  switch (data.data_type) {
    case "TSSRequest": {
      const d = TssData.parse(data);
      // The groups only point at the vault to re-read it in; an unseen request of ours is adopted.
      const groups = { targetGroupId: d.target_key_share_holder_group_id, sourceGroupId: d.source_key_share_holder_group?.key_share_holder_group_id };
      const result = await syncTssRequest(d.tss_request_id, "webhook", { webhookEventId, groups });
      return result.found ? { outcome: "applied" } : { outcome: "ignored", note: "TSS request of no group of ours" };
    }
    case "Transaction": {
      const d = TxData.parse(data);
      const result = await applyTransactionUpdate({ coboTransaction: d, source: "webhook", webhookEventId });
      return result.found || result.created ? { outcome: "applied" } : { outcome: "ignored", note: "transaction of no wallet of ours" };
    }
    case "WalletInfo": {
      const d = WalletData.parse(data);
      return adoptWallet(d.wallet);
    }
    case "Addresses": {
      const d = AddressesData.parse(data);
      return adoptAddresses(d.addresses);
    }
    default:
      return { outcome: "ignored", note: `no handler for data type ${data.data_type ?? "(none)"}` };
  }
}

async function adoptWallet(wallet: z.infer<typeof WalletInfoSchema>): Promise<{ outcome: ApplyOutcome; note?: string }> {
  const coboVaultId = typeof wallet.vault_id === "string" ? wallet.vault_id : null;
  const vault = coboVaultId ? await db.vault.findUnique({ where: { coboVaultId }, select: { id: true } }) : null;
  if (!coboVaultId || !vault) return { outcome: "ignored", note: "wallet of no vault of ours" };
  await db.wallet.upsert({
    where: { coboWalletId: wallet.wallet_id },
    update: {},
    // Cobo's name carries the vault tag this backend adds (see create-wallet); store the user's name.
    create: { coboWalletId: wallet.wallet_id, vaultId: vault.id, name: wallet.name ? walletNameFromCobo(wallet.name, coboVaultId) : wallet.wallet_id },
  });
  return { outcome: "applied" };
}

async function adoptAddresses(addresses: (z.infer<typeof AddressInfoSchema> & { wallet_id?: string | null })[]): Promise<{ outcome: ApplyOutcome; note?: string }> {
  let ours = 0;
  for (const a of addresses) {
    const wallet = a.wallet_id ? await db.wallet.findUnique({ where: { coboWalletId: a.wallet_id }, select: { id: true } }) : null;
    if (!wallet) continue;
    await storeAddresses(wallet.id, [a]);
    ours++;
  }
  return ours > 0 ? { outcome: "applied" } : { outcome: "ignored", note: "addresses of no wallet of ours" };
}
