import "server-only";
import { db } from "@/lib/db/client";

/** Records that our record of something differed from Cobo's; `healed` when we just caught up. */
export async function recordDrift(d: {
  subjectType: "tss_request" | "transaction" | "webhook_event" | "callback_message";
  subjectId: string;
  ourValue: string | null;
  coboValue: string | null;
  detail: string;
  healed: boolean;
}) {
  await db.reconciliationDrift.create({
    data: {
      subjectType: d.subjectType,
      subjectId: d.subjectId,
      ourValue: d.ourValue,
      coboValue: d.coboValue,
      detail: d.detail,
      resolvedAt: d.healed ? new Date() : null,
    },
  });
}
