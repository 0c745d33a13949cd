import "server-only";
import type { Transaction as CoboTransaction } from "@/lib/cobo/types";
import { applyTransactionUpdate, type TransactionUpdateResult } from "@/lib/server/transactions/apply-transaction-update";
import { adoptWalletFromCobo } from "@/lib/server/wallets/adopt-wallets";

// A transaction webhook: the event carries the whole signed transaction, applied like any other
// report. Events are not ordered, though: the wallet's own wallets.created may still be on its
// way, so a User-Controlled transaction of a wallet we do not know is worth one re-read of the
// wallet from Cobo (adopted when its vault is ours) and a second try.

/**
 * Applies a transaction Cobo's webhook reported (or reconciliation's deposit sweep listed, source
 * "poll"); `found`/`created` false when it is of no wallet of ours.
 */
export async function applyTransactionEvent(
  cobo: CoboTransaction,
  webhookEventId: string | null,
  source: "webhook" | "poll" = "webhook",
): Promise<TransactionUpdateResult> {
  const apply = () => applyTransactionUpdate({ coboTransaction: cobo, source, webhookEventId });
  const result = await apply();
  if (result.found || result.created || !cobo.wallet_id || !isUserControlled(cobo)) return result;
  return (await adoptWalletFromCobo(cobo.wallet_id)) ? apply() : result;
}

/** Whether Cobo's transaction moves money of a User-Controlled wallet (the only kind this backend holds). */
function isUserControlled(t: CoboTransaction): boolean {
  const source = (t.source ?? {}) as { source_type?: unknown };
  const destination = (t.destination ?? {}) as { wallet_subtype?: unknown };
  return source.source_type === "User-Controlled" || destination.wallet_subtype === "User-Controlled";
}
