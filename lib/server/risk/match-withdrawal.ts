import "server-only";
import { sameAddress } from "@/lib/server/risk/addresses";
import type { CallbackWithdrawal } from "@/lib/server/risk/callback-payload";
import { toMoney } from "@/lib/server/risk/money";
import type { WithdrawalRecord } from "@/lib/server/risk/withdrawal-record";

// "ok" is only for the withdrawal we asked for: the callback's transaction must agree with our
// record on every field that decides where money goes. Anything that differs is listed (with both
// values: none of them is secret) so the operator sees why it was denied.

/** Differences between Cobo's transaction and our record; empty when they agree. */
export function findMismatches(tx: CallbackWithdrawal, record: WithdrawalRecord): string[] {
  const out: string[] = [];
  const differs = (field: string, ours: string | null, cobos: string | null) =>
    out.push(`${field} (ours ${ours ?? "none"}, Cobo's ${cobos ?? "none"})`);

  if (tx.walletId !== record.coboWalletId) differs("wallet_id", record.coboWalletId, tx.walletId);
  if (tx.sourceWalletId !== null && tx.sourceWalletId !== record.coboWalletId)
    differs("source.wallet_id", record.coboWalletId, tx.sourceWalletId);
  // Cobo's id is stored once Cobo answered the transfer call; the callback may come first.
  if (record.coboTransactionId !== null && record.coboTransactionId !== tx.transactionId)
    differs("transaction_id", record.coboTransactionId, tx.transactionId);
  if (tx.chainId !== record.chainId) differs("chain_id", record.chainId, tx.chainId);
  if (tx.tokenId !== record.tokenId) differs("token_id", record.tokenId, tx.tokenId);
  // A record without a source address cannot vouch for the one Cobo picked: fail closed.
  if (!sameAddress(tx.sourceAddress, record.sourceAddress)) differs("source.address", record.sourceAddress, tx.sourceAddress);

  if (tx.destination.kind === "single") {
    const d = tx.destination;
    if (!sameAddress(d.address, record.destinationAddress)) differs("destination.address", record.destinationAddress, d.address);
    if ((d.memo ?? "") !== (record.destinationMemo ?? "")) differs("destination.memo", record.destinationMemo, d.memo);
    // Exact decimal comparison: "1.5" equals "1.500000", and nothing is ever a float.
    if (!toMoney(d.amount).equals(toMoney(record.amount))) differs("amount", record.amount.toFixed(), d.amount);
  }
  return out;
}
