import "server-only";
import { z } from "zod";
import type { ConsoleActor } from "@/lib/actor";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { ATTENTION_KINDS, isInAttentionQueue, type AttentionKind } from "@/lib/server/attention/attention-queue";

// An admin takes an item off the "Needs attention" queue, saying why. The acknowledgement is kept
// (who, when, why) and is unique per item, so a second one (another admin at the same moment, a
// double click) is a conflict and records nothing. Only items in the queue now can be acknowledged.

export const acknowledgeAttentionInput = z.object({
  kind: z.enum(ATTENTION_KINDS, { message: "Unknown kind of item." }),
  subjectId: z.guid("Unknown record."),
  reason: z.string().trim().min(3, "Say why (at least 3 characters).").max(500, "At most 500 characters."),
});

export type AttentionAcknowledgement = { id: string; kind: AttentionKind; subjectId: string; createdAt: string };

/** Records the acknowledgement of one queue item by an admin. */
export async function acknowledgeAttentionItem(
  input: z.input<typeof acknowledgeAttentionInput>,
  by: ConsoleActor,
): Promise<AttentionAcknowledgement> {
  const { kind, subjectId, reason } = acknowledgeAttentionInput.parse(input);
  if (by.role !== "admin") throw new AppError("forbidden", "Only admins acknowledge items.");
  if (!(await isInAttentionQueue(kind, subjectId))) {
    const done = await db.attentionAcknowledgement.findUnique({ where: { kind_subjectId: { kind, subjectId } }, select: { id: true } });
    if (done) throw new AppError("conflict", "This item was already acknowledged.");
    throw new AppError("not_found", "This item is not in the queue (it may have been resolved).");
  }
  try {
    const row = await db.attentionAcknowledgement.create({
      data: { kind, subjectId, reason, actorId: by.id, actorEmail: by.email },
      select: { id: true, createdAt: true },
    });
    return { id: row.id, kind, subjectId, createdAt: row.createdAt.toISOString() };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "This item was already acknowledged.");
    throw error;
  }
}
