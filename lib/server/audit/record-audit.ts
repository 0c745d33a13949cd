import "server-only";
import type { ConsoleActor } from "@/lib/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { currentRequestContext } from "@/lib/log/context";

export type AuditEntry = {
  /** the console user who acted (audit rows name console users: id, email and role at the time) */
  actor: ConsoleActor;
  action: string;
  outcome: "succeeded" | "denied" | "failed";
  targetType?: string;
  targetId?: string;
  details?: Prisma.InputJsonValue;
};

/** Appends one console action to the audit log (who, what, on what, with which outcome). */
export async function recordAudit(entry: AuditEntry, client: Pick<typeof db, "auditLog"> = db): Promise<void> {
  await client.auditLog.create({
    data: {
      actorId: entry.actor.id,
      actorEmail: entry.actor.email,
      actorRole: entry.actor.role,
      action: entry.action,
      outcome: entry.outcome,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      details: entry.details,
      requestId: currentRequestContext()?.requestId ?? null,
    },
  });
}
