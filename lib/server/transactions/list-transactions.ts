import "server-only";
import { decodeKeysetCursor, encodeKeysetCursor, type KeysetCursor } from "@/lib/api/v1/common.schema";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { transactionView, transactionViewSelect, type TransactionView } from "@/lib/server/transactions/transaction-view";
import { requireOwnWallet } from "@/lib/server/wallets/own-wallet";

// The caller's transactions (withdrawals and deposits), newest first, paged by an opaque keyset
// cursor (created_at, id): stable while new transactions arrive, unlike offsets.

export type TransactionListFilter = { limit: number; cursor?: string; wallet_id?: string; status?: string; type?: string };

function decodeCursor(raw: string): KeysetCursor {
  const cursor = decodeKeysetCursor(raw);
  if (cursor) return cursor;
  throw new AppError("invalid_input", "The query is invalid.", { issues: [{ path: "query.cursor", message: "is not a cursor this API returned" }] });
}

/** A page of the caller's transactions and the cursor of the next page (null on the last). */
export async function listTransactions(userId: string, f: TransactionListFilter): Promise<{ data: TransactionView[]; next_cursor: string | null }> {
  const where: Prisma.TransactionWhereInput = { wallet: { vault: { userId } } };
  // Another user's wallet id is "not found", like every other id of theirs.
  if (f.wallet_id) where.walletId = (await requireOwnWallet(userId, f.wallet_id)).id;
  if (f.status) where.status = f.status;
  if (f.type) where.type = f.type;
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    where.OR = [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }];
  }
  const rows = await db.transaction.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: f.limit + 1,
    select: transactionViewSelect,
  });
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return { data: page.map(transactionView), next_cursor: rows.length > f.limit && last ? encodeKeysetCursor(last) : null };
}
