import "server-only";
import { db } from "@/lib/db/client";

// What the console's live updates watch: the per-user change feed (every TSS request and
// transaction status change, written in the same database transaction as the change) and the
// arrival of webhook deliveries. Both reads use an index (app_user_events' primary key,
// webhook_events' received_at index), so an open console tab costs two cheap queries a second.

export type ConsoleChange = {
  id: string;
  kind: "tss_request" | "transaction";
  /** the app user the change belongs to */
  userId: string;
  /** Cobo's id of the TSS request / transaction (or our request id before Cobo answered) */
  subjectId: string;
  status: string;
};

/** Changes after `afterId`, oldest first, at most `limit`. */
export async function listConsoleChanges(afterId: bigint, limit = 200): Promise<ConsoleChange[]> {
  const rows = await db.appUserEvent.findMany({
    where: { id: { gt: afterId } },
    orderBy: { id: "asc" },
    take: limit,
    select: { id: true, userId: true, subjectType: true, subjectId: true, status: true },
  });
  return rows.map((r) => ({
    id: r.id.toString(),
    kind: r.subjectType === "transaction" ? "transaction" : "tss_request",
    userId: r.userId,
    subjectId: r.subjectId,
    status: r.status,
  }));
}

/** The newest change's id: a new watcher starts after it. */
export async function latestConsoleChangeId(): Promise<bigint> {
  const row = await db.appUserEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return row?.id ?? BigInt(0);
}

/** When the newest webhook delivery was stored, or null when none was. */
export async function latestWebhookReceivedAt(): Promise<Date | null> {
  const row = await db.webhookEvent.findFirst({ orderBy: { receivedAt: "desc" }, select: { receivedAt: true } });
  return row?.receivedAt ?? null;
}
