import "server-only";
import { db } from "@/lib/db/client";

export type UserEventView = {
  id: string;
  subject_type: string;
  subject_id: string;
  status: string;
  sub_status: string | null;
  occurred_at: string;
};

/** The caller's change notices after `afterId`, oldest first (the SSE stream and polling read this). */
export async function listUserEvents(userId: string, afterId: bigint, limit = 100): Promise<UserEventView[]> {
  const rows = await db.appUserEvent.findMany({
    where: { userId, id: { gt: afterId } },
    orderBy: { id: "asc" },
    take: limit,
    select: { id: true, subjectType: true, subjectId: true, status: true, subStatus: true, createdAt: true },
  });
  return rows.map((r) => ({
    id: r.id.toString(),
    subject_type: r.subjectType,
    subject_id: r.subjectId,
    status: r.status,
    sub_status: r.subStatus,
    occurred_at: r.createdAt.toISOString(),
  }));
}

/** The id of the caller's newest notice (a new stream starts after it unless told otherwise). */
export async function latestUserEventId(userId: string): Promise<bigint> {
  const row = await db.appUserEvent.findFirst({ where: { userId }, orderBy: { id: "desc" }, select: { id: true } });
  return row?.id ?? BigInt(0);
}
