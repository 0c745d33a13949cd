import "server-only";
import { z } from "zod";
import { getCoboGateway } from "@/lib/cobo/client";
import { isCoboError } from "@/lib/cobo/errors";
import { AddressInfoSchema, TransactionSchema, WalletInfoSchema, type AddressInfo } from "@/lib/cobo/types";
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
// our vaults but that we have not seen (a deposit, a TSS request, a wallet or address made in Cobo
// Portal) are created, re-reading Cobo where the payload cannot tell whose they are or arrives
// before the event about their wallet; anything outside our project is recorded as ignored.
// Events are dispatched by their type; unknown types (and data that does not match its type) are
// kept and ignored, never fatal. Applying an event twice changes nothing.

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
const AddressesData = z.looseObject({ data_type: z.literal("Addresses"), addresses: z.array(AddressInfoSchema.extend({ wallet_id: z.string().nullish() })) });

type Outcome = { outcome: ApplyOutcome; note?: string };

const TX_EVENTS = ["wallets.transaction.created", "wallets.transaction.updated", "wallets.transaction.succeeded", "wallets.transaction.failed"];
const TSS_EVENTS = ["wallets.mpc.tss_request.created", "wallets.mpc.tss_request.updated", "wallets.mpc.tss_request.succeeded", "wallets.mpc.tss_request.failed"];

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
  ...TX_EVENTS.map((t) => [t, handler(TxData, applyTransactionEvent)] as const),
  ...TSS_EVENTS.map((t) => [t, handler(TssData, applyTssEvent)] as const),
  ["wallets.created", handler(WalletData, (_id, d) => adoptWallet(d.wallet))],
  ["wallets.addresses.created", handler(AddressesData, (_id, d) => adoptAddresses(d.addresses))],
]);

/** Applies the inbox event `webhookEventId`; marks it applied/ignored, or failed with the error (and rethrows for a retry). */
export async function applyWebhookEvent(webhookEventId: string): Promise<ApplyOutcome> {
  const event = await db.webhookEvent.findUnique({ where: { id: webhookEventId }, select: { id: true, type: true, rawBody: true, status: true } });
  if (!event) return "ignored";
  if (event.status === "applied" || event.status === "ignored") return event.status;
  await db.webhookEvent.update({ where: { id: event.id }, data: { attempts: { increment: 1 } } });
  try {
    const payload = JSON.parse(event.rawBody) as { data?: unknown };
    const outcome = await dispatch(event.id, event.type, payload.data ?? {});
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

/** Dispatches by the event's type (not by what its data claims to be). */
async function dispatch(webhookEventId: string, type: string, data: unknown): Promise<Outcome> {
  const handle = HANDLERS.get(type);
  if (!handle) return { outcome: "ignored", note: `no handler for event type ${type}` };
  const outcome = await handle(webhookEventId, data);
  if (outcome) return outcome;
  const dataType = typeof data === "object" && data !== null && "data_type" in data ? String(data.data_type).slice(0, 64) : "(none)";
  return { outcome: "ignored", note: `its data (data_type ${dataType}) does not match event type ${type}` };
}

async function applyTssEvent(webhookEventId: string, d: z.infer<typeof TssData>): Promise<Outcome> {
  // The groups only point at the vault to re-read it in; an unseen request of ours is adopted.
  const groups = { targetGroupId: d.target_key_share_holder_group_id, sourceGroupId: d.source_key_share_holder_group?.key_share_holder_group_id };
  const result = await syncTssRequest(d.tss_request_id, "webhook", { webhookEventId, groups });
  return result.found ? { outcome: "applied" } : { outcome: "ignored", note: "TSS request of no group of ours" };
}

async function applyTransactionEvent(webhookEventId: string, d: z.infer<typeof TxData>): Promise<Outcome> {
  const apply = () => applyTransactionUpdate({ coboTransaction: d, source: "webhook", webhookEventId });
  let result = await apply();
  // Events are not ordered: the wallet's own wallets.created may still be on its way. A UCW
  // transaction of a wallet we do not know is worth one re-read of the wallet from Cobo.
  if (!result.found && !result.created && d.wallet_id && isUserControlled(d) && (await adoptWalletFromCobo(d.wallet_id))) result = await apply();
  return result.found || result.created ? { outcome: "applied" } : { outcome: "ignored", note: "transaction of no wallet of ours" };
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

type EventAddress = z.infer<typeof AddressInfoSchema> & { wallet_id?: string | null };

/** Whether Cobo's transaction moves money of a User-Controlled wallet (the only kind this backend holds). */
function isUserControlled(t: z.infer<typeof TxData>): boolean {
  const source = (t.source ?? {}) as { source_type?: unknown };
  const destination = (t.destination ?? {}) as { wallet_subtype?: unknown };
  return source.source_type === "User-Controlled" || destination.wallet_subtype === "User-Controlled";
}

/** Re-reads a wallet we have not seen from Cobo and adopts it if its vault is ours; true when adopted. */
async function adoptWalletFromCobo(coboWalletId: string): Promise<boolean> {
  if (await db.wallet.findUnique({ where: { coboWalletId }, select: { id: true } })) return false;
  let info: z.infer<typeof WalletInfoSchema>;
  try {
    info = await getCoboGateway().getWallet(coboWalletId);
  } catch (error) {
    if (isCoboError(error) && error.kind === "rejected" && error.coboHttpStatus === 404) return false;
    throw error;
  }
  return (await adoptWallet(info)).outcome === "applied";
}

/**
 * Stores addresses made at Cobo for wallets of ours. Cobo's current API names the wallet on each
 * address (wallet_id, required in AddressesEventData's addresses since 2025); npm 1.8.0's
 * AddressInfo, and so the sandbox, carry none. Without it the address is matched by its root
 * public key to a vault of ours (an MPC address is derived from the vault's root key) and Cobo is
 * asked which of that vault's wallets has it: the payload alone is never trusted to pick a wallet.
 * With neither, nothing can tell the wallet, and the address is left to the wallet's own import.
 */
async function adoptAddresses(addresses: EventAddress[]): Promise<{ outcome: ApplyOutcome; note?: string }> {
  let ours = 0;
  for (const a of addresses) {
    const found = a.wallet_id ? await namedWallet(a.wallet_id, a) : await walletOwningAddress(a);
    if (!found) continue;
    await storeAddresses(found.walletRowId, [found.address]);
    ours++;
  }
  return ours > 0 ? { outcome: "applied" } : { outcome: "ignored", note: "addresses of no wallet of ours" };
}

type Owned = { walletRowId: string; address: AddressInfo };

/** The wallet the event names, adopted from Cobo first if it is one of our vaults' that we have not seen. */
async function namedWallet(coboWalletId: string, address: AddressInfo): Promise<Owned | null> {
  const find = () => db.wallet.findUnique({ where: { coboWalletId }, select: { id: true } });
  const wallet = (await find()) ?? ((await adoptWalletFromCobo(coboWalletId)) ? await find() : null);
  return wallet ? { walletRowId: wallet.id, address } : null;
}

/** Our wallet that Cobo lists the address under, among the wallets of the vault with its root key. */
async function walletOwningAddress(a: EventAddress): Promise<Owned | null> {
  const known = await db.address.findUnique({ where: { chainId_address: { chainId: a.chain_id, address: a.address } }, select: { walletId: true } });
  if (known) return { walletRowId: known.walletId, address: a };
  if (!a.root_pubkey) return null;
  const rootPubkey = a.root_pubkey;
  const vaults = await db.vault.findMany({
    where: { OR: [{ rootPubkey }, { groups: { some: { rootPubkey } } }] },
    select: { coboVaultId: true, wallets: { select: { id: true, coboWalletId: true } } },
  });
  const ours = vaults.flatMap((v) => v.wallets);
  const found = await listingWallet(ours, a);
  if (found || vaults.length === 0) return found;
  // A wallet of that vault we have not seen yet (its wallets.created may come later): read the
  // vault's wallets from Cobo, adopt those we lack, and ask about them.
  const adopted: { id: string; coboWalletId: string }[] = [];
  for (const v of vaults) {
    if (!v.coboVaultId) continue;
    for (const w of (await getCoboGateway().listWallets({ vault_id: v.coboVaultId, limit: 50 })).data) {
      if (ours.some((o) => o.coboWalletId === w.wallet_id) || (await adoptWallet(w)).outcome !== "applied") continue;
      adopted.push(await db.wallet.findUniqueOrThrow({ where: { coboWalletId: w.wallet_id }, select: { id: true, coboWalletId: true } }));
    }
  }
  return listingWallet(adopted, a);
}

/** The first of `wallets` that Cobo lists the address under, with Cobo's record of it. */
async function listingWallet(wallets: { id: string; coboWalletId: string }[], a: EventAddress): Promise<Owned | null> {
  const cobo = getCoboGateway();
  for (const w of wallets) {
    const listed = await cobo.listAddresses(w.coboWalletId, { chain_ids: [a.chain_id], addresses: [a.address], limit: 1 });
    // Cobo's own record (path, public key) is what disaster recovery will derive keys from.
    const remote = listed.data.find((x) => x.chain_id === a.chain_id && x.address === a.address);
    if (remote) return { walletRowId: w.id, address: remote };
  }
  return null;
}
