import "server-only";
import { db } from "@/lib/db/client";
import { isSecretInputKey, type ApprovalCategory } from "@/lib/domain/approvals";
import { isoString, isoStringOrNull } from "@/lib/serialize";

// What the Approvals page shows: every pending request (oldest first) and the latest decided ones.
// A request's stored input is shown as labelled values without anything secret-like (a new
// admin's password hash is never shown), and a decided request with what its action did.

const PENDING_MAX = 200;
const RECENT_MAX = 50;

export type ApprovalRequestView = {
  id: string;
  category: ApprovalCategory;
  action: string;
  /** the stored input as labelled values, secrets left out */
  input: { key: string; value: string }[];
  /** the app user the request concerns, when its input names one */
  userId: string | null;
  target: { type: string; id: string | null } | null;
  reason: string;
  requestedById: string;
  requestedByEmail: string;
  status: string;
  createdAt: string;
  expiresAt: string;
  decidedByEmail: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  /** after approval: what the action did (ok), or its error's code and message */
  result: { ok: boolean; code?: string; message?: string } | null;
};

export type ApprovalRequestsView = { pending: ApprovalRequestView[]; recent: ApprovalRequestView[] };

type Row = Awaited<ReturnType<typeof db.approvalRequest.findMany>>[number];

/** Pending requests (that can still be decided) and the most recent others. */
export async function listApprovalRequests(): Promise<ApprovalRequestsView> {
  const now = new Date();
  const [pending, recent] = await Promise.all([
    db.approvalRequest.findMany({
      where: { status: "pending", expiresAt: { gt: now } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: PENDING_MAX,
    }),
    db.approvalRequest.findMany({
      where: { NOT: { status: "pending", expiresAt: { gt: now } } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: RECENT_MAX,
    }),
  ]);
  return { pending: pending.map((r) => view(r, now)), recent: recent.map((r) => view(r, now)) };
}

function view(r: Row, now: Date): ApprovalRequestView {
  const stored = r.input && typeof r.input === "object" && !Array.isArray(r.input) ? (r.input as Record<string, unknown>) : {};
  const input = Object.entries(stored)
    .filter(([key, value]) => !isSecretInputKey(key) && value !== null && value !== undefined)
    .map(([key, value]) => ({ key, value: typeof value === "string" ? value : JSON.stringify(value) }));
  const result = r.result && typeof r.result === "object" && !Array.isArray(r.result) ? (r.result as Record<string, unknown>) : null;
  return {
    id: r.id,
    category: r.category as ApprovalCategory,
    action: r.action,
    input,
    userId: typeof stored.userId === "string" ? stored.userId : null,
    target: r.targetType ? { type: r.targetType, id: r.targetId } : null,
    reason: r.reason,
    requestedById: r.requestedById,
    requestedByEmail: r.requestedByEmail,
    // a pending request past its expiry is shown as what it is (it is marked when next touched)
    status: r.status === "pending" && r.expiresAt <= now ? "expired" : r.status,
    createdAt: isoString(r.createdAt),
    expiresAt: isoString(r.expiresAt),
    decidedByEmail: r.decidedByEmail,
    decidedAt: isoStringOrNull(r.decidedAt),
    decisionReason: r.decisionReason,
    result: result
      ? {
          ok: result.ok === true,
          code: typeof result.code === "string" ? result.code : undefined,
          message: typeof result.message === "string" ? result.message : undefined,
        }
      : null,
  };
}

/** Categories of the approval policy with a pending request to turn them off. */
export async function pendingPolicyTurnOffs(): Promise<string[]> {
  const rows = await db.approvalRequest.findMany({
    where: { action: "approvals.policy.set", status: "pending", expiresAt: { gt: new Date() } },
    select: { input: true },
    take: 50,
  });
  return rows.flatMap((r) => {
    const input = r.input as { category?: unknown } | null;
    return input && typeof input.category === "string" ? [input.category] : [];
  });
}
