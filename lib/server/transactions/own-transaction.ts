import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

// A transaction is the caller's when its wallet is in their vault; ownership is part of the query,
// so another user's transaction is simply not found.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Our row id of the caller's transaction named by our id or by Cobo's transaction id, or 404. */
export async function requireOwnTransaction(
  userId: string,
  ref: string,
): Promise<{ id: string; status: string; subStatus: string | null }> {
  // Cobo's ids are UUIDs too, so a UUID may be either; anything else can only be Cobo's.
  const match = UUID.test(ref) ? [{ id: ref }, { coboTransactionId: ref }] : [{ coboTransactionId: ref }];
  const row = await db.transaction.findFirst({
    where: { OR: match, wallet: { vault: { userId } } },
    select: { id: true, status: true, subStatus: true },
  });
  if (!row) throw new AppError("not_found", `Transaction ${ref} was not found.`);
  return row;
}
