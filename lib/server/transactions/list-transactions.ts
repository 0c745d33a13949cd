import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { transactionView, transactionViewSelect, type TransactionView } from "@/lib/server/transactions/transaction-view";
import { requireOwnWallet } from "@/lib/server/wallets/own-wallet";

// The caller's transactions (withdrawals and deposits), newest first, paged by an opaque keyset
// cursor (created_at, id): stable while new transactions arrive, unlike offsets.

export type TransactionListFilter = { limit: number; cursor?: string; wallet_id?: string; status?: string; type?: string };

type Cursor = { createdAt: Date; id: string };

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.createdAt.toISOString(), c.id])).toString("base64url");
}

function decodeCursor(raw: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown[];
    const createdAt = new Date(String(at));
    if (typeof at === "string" && typeof id === "string" && /^[0-9a-f-]{36}$/i.test(id) && !Number.isNaN(createdAt.getTime())) return { createdAt, id };
  } catch {
    // fall through
  }
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
  return { data: page.map(transactionView), next_cursor: rows.length > f.limit && last ? encodeCursor(last) : null };
}
