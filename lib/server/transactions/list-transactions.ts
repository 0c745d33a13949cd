import "server-only";
import { decodeKeysetCursor, encodeKeysetCursor, type KeysetCursor } from "@/lib/api/v1/common.schema";
import { selectTransactions, type TransactionSqlRow } from "@/lib/db/hot-sql";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TransactionRecord } from "@/lib/server/transactions/transaction-record";
import { requireOwnWallet } from "@/lib/server/wallets/own-wallet";

// The caller's transactions (withdrawals and deposits), newest first, paged by an opaque keyset
// cursor (created_at, id): stable while new transactions arrive, unlike offsets.

export type TransactionListFilter = { limit: number; cursor?: string; wallet_id?: string; status?: string; type?: string };

function decodeCursor(raw: string): KeysetCursor {
  const cursor = decodeKeysetCursor(raw);
  if (cursor) return cursor;
  throw new AppError("invalid_input", "The query is invalid.", {
    issues: [{ path: "query.cursor", message: "is not a cursor this API returned" }],
  });
}

/** A row of the one-query page (selectTransactions) as the same record Prisma's `select` gives. */
function recordOfRow(r: TransactionSqlRow): TransactionRecord {
  return {
    id: r.id,
    requestId: r.request_id,
    coboTransactionId: r.cobo_transaction_id,
    type: r.type,
    status: r.status,
    subStatus: r.sub_status,
    failedReason: r.failed_reason,
    chainId: r.chain_id,
    tokenId: r.token_id,
    amount: new Prisma.Decimal(r.amount),
    feeAmount: r.fee_amount === null ? null : new Prisma.Decimal(r.fee_amount),
    feeTokenId: r.fee_token_id,
    feeParams: (r.fee_params ?? null) as Prisma.JsonValue | null,
    sourceAddress: r.source_address,
    destinationAddress: r.destination_address,
    destinationMemo: r.destination_memo,
    transactionHash: r.transaction_hash,
    confirmedNum: r.confirmed_num,
    confirmingThreshold: r.confirming_threshold,
    description: r.description,
    cancelledAt: r.cancelled_at,
    cancelReason: r.cancel_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    wallet: { coboWalletId: r.cobo_wallet_id },
  };
}

/**
 * A page of the caller's transactions and the cursor of the next page (null on the last): one
 * query (selectTransactions, lib/db/hot-sql.ts), two when a wallet is named (it must be theirs).
 */
export async function listMyTransactions(
  userId: string,
  f: TransactionListFilter,
): Promise<{ items: TransactionRecord[]; nextCursor: string | null }> {
  const after = f.cursor ? decodeCursor(f.cursor) : undefined;
  // Another user's wallet id is "not found", like every other id of theirs.
  const walletId = f.wallet_id ? (await requireOwnWallet(userId, f.wallet_id)).id : undefined;
  const rows = await selectTransactions(userId, { walletId, status: f.status, type: f.type, after, limit: f.limit });
  const page = rows.slice(0, f.limit).map(recordOfRow);
  const last = page[page.length - 1];
  return { items: page, nextCursor: rows.length > f.limit && last ? encodeKeysetCursor(last) : null };
}
