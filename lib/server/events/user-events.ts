import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

// The per-user change feed behind push (server-sent events and the outbound hook). Written in the
// same database transaction as the change it announces, so a notice exists exactly when the change does.

export type UserEventInput = {
  userId: string;
  subjectType: "tss_request" | "transaction";
  subjectId: string;
  status: string;
  subStatus?: string | null;
};

/** Appends a change notice for one app user (inside the caller's transaction). */
export async function appendUserEvent(tx: Prisma.TransactionClient, e: UserEventInput): Promise<bigint> {
  const row = await tx.appUserEvent.create({
    data: { userId: e.userId, subjectType: e.subjectType, subjectId: e.subjectId, status: e.status, subStatus: e.subStatus ?? null },
    select: { id: true },
  });
  return row.id;
}
