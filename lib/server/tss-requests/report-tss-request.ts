import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { applyTssRequestUpdate } from "@/lib/server/tss-requests/apply-tss-request-update";

// The app tells us what the SDK reported (approved, rejected, failed, completed). It goes on the
// timeline, so support can see what the phone saw, but never changes Cobo's status: only Cobo
// (by webhook or polling) does. A report is a good moment to re-read Cobo, which the caller does.

export type TssReport = { result: "approved" | "rejected" | "failed" | "completed"; message?: string; tss_node_id?: string };

/** Records an app report on one of the caller's TSS requests; 404 when it is not theirs. */
export async function reportTssRequest(userId: string, coboTssRequestId: string, report: TssReport): Promise<void> {
  const owned = await db.tssRequest.findFirst({ where: { coboTssRequestId, vault: { userId } }, select: { id: true } });
  if (!owned) throw new AppError("not_found", "That TSS request was not found.");
  if (report.tss_node_id) {
    const node = await db.tssNode.findFirst({ where: { nodeId: report.tss_node_id, userId }, select: { id: true } });
    if (!node)
      throw new AppError("invalid_input", "tss_node_id is not one of your TSS nodes.", {
        issues: [{ path: "body.tss_node_id", message: "not one of your TSS nodes" }],
      });
  }
  const note = [
    `app reported ${report.result}`,
    report.tss_node_id ? `from ${report.tss_node_id}` : null,
    report.message ? `: ${report.message}` : null,
  ]
    .filter(Boolean)
    .join(" ");
  await applyTssRequestUpdate({ coboTssRequestId, status: report.result, source: "app", authoritative: false, note });
}
