import "server-only";
import { db } from "@/lib/db/client";
import { isoString } from "@/lib/serialize";

// Who approved, rejected or signed a TSS request or a transaction, and when, for the detail pages.
// Cobo's WaaS 2.0 API reports no per-holder approval for UCW: a TSS request carries only its status
// and groups, a transaction its status, sub-status and the signing group
// (`source.signer_key_share_holder_group_id`). So the trail is built from what Cobo does report,
// per participant of the group that had to act:
// - the group's holders (Cobo's holder, the user's device, a server co-signer), with Cobo's
//   designated-signer flag: a transaction is signed by Cobo and the designated signers;
// - Cobo's status changes (webhooks, polling): a TSS request leaving PendingKeyHolderConfirmation
//   means every holder confirmed; KeyHolderConfirmationFailed that a holder rejected or timed out;
//   a transaction leaving PendingSignature for Broadcasting/Confirming/Completed means the
//   designated signers signed; RejectedbyMobileCosigner (or another signer sub-status) that the
//   device rejected;
// - the app's own reports (what the UCW SDK told it), attributed to the user's device when the
//   group holds exactly one device of that user, and marked as the app's report (never Cobo's).

export type TrailEvent = {
  at: string;
  /** confirmed | signed | rejected | failed | reported_approved | reported_rejected | reported_failed | reported_completed */
  action: string;
  /** cobo: read from Cobo's status (webhook or poll); app: the app's own report */
  basis: "cobo" | "app";
  detail: string;
};

export type TrailParticipant = {
  nodeId: string;
  holderName: string;
  /** Cobo | Mobile | API */
  holderType: string;
  /** user (the app user's device), cobo, cosigner */
  kind: string;
  label: string | null;
  signer: boolean;
  /** whether this participant had to act: every holder confirms a TSS request; designated signers (and Cobo) sign a transaction */
  acts: boolean;
  events: TrailEvent[];
};

export type ApprovalTrail = {
  group: { id: string; coboGroupId: string | null; groupType: string; threshold: number; participants: number } | null;
  /** how the group was found: Cobo's signing group of the transaction, the TSS request's target, or the vault's active Main Group */
  groupSource: "signer_group" | "target_group" | "active_main_group" | null;
  participants: TrailParticipant[];
  /** events no participant can be named for (an app report when the user has several devices in the group) */
  unattributed: TrailEvent[];
};

type HistoryRow = {
  occurredAt: Date;
  fromStatus: string | null;
  toStatus: string;
  subStatus?: string | null;
  source: string;
  applied: boolean;
  payload: unknown;
};

const groupSelect = {
  id: true,
  coboGroupId: true,
  groupType: true,
  threshold: true,
  participants: true,
  members: {
    orderBy: { createdAt: "asc" as const },
    select: {
      holderName: true,
      holderType: true,
      signer: true,
      node: { select: { nodeId: true, kind: true, label: true, userId: true } },
    },
  },
};

type GroupRow = {
  id: string;
  coboGroupId: string | null;
  groupType: string;
  threshold: number;
  participants: number;
  members: {
    holderName: string;
    holderType: string;
    signer: boolean;
    node: { nodeId: string; kind: string; label: string | null; userId: string | null };
  }[];
};

const SIGNED_STATUSES = new Set(["Broadcasting", "Confirming", "Completed"]);
const TSS_CONFIRMED_STATUSES = new Set(["MPCProcessing", "KeyGenerating", "Success"]);

const at = (d: Date) => isoString(d);

/** The signing group Cobo named for a transaction, from the latest Cobo payload on its timeline. */
function signerGroupFromHistory(history: HistoryRow[]): string | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const p = history[i]?.payload;
    if (typeof p !== "object" || p === null) continue;
    const source = (p as { source?: unknown }).source;
    if (typeof source !== "object" || source === null) continue;
    const id = (source as { signer_key_share_holder_group_id?: unknown }).signer_key_share_holder_group_id;
    if (typeof id === "string" && id !== "") return id;
  }
  return null;
}

function isCoboHolder(m: GroupRow["members"][number]): boolean {
  return m.holderType === "Cobo" || m.node.kind === "cobo";
}

function build(
  group: GroupRow | null,
  ownerId: string | null,
  acts: (m: GroupRow["members"][number]) => boolean,
  coboEvents: (m: GroupRow["members"][number]) => TrailEvent[],
  appEvents: TrailEvent[],
): Omit<ApprovalTrail, "groupSource"> {
  if (!group) return { group: null, participants: [], unattributed: appEvents };
  const devices = group.members.filter((m) => ownerId !== null && m.node.userId === ownerId);
  const participants: TrailParticipant[] = group.members.map((m) => {
    const mine = devices.length === 1 && devices[0]?.node.nodeId === m.node.nodeId;
    const events = [...(acts(m) ? coboEvents(m) : []), ...(mine ? appEvents : [])].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return {
      nodeId: m.node.nodeId,
      holderName: m.holderName,
      holderType: m.holderType,
      kind: m.node.kind,
      label: m.node.label,
      signer: m.signer,
      acts: acts(m),
      events,
    };
  });
  return {
    group: {
      id: group.id,
      coboGroupId: group.coboGroupId,
      groupType: group.groupType,
      threshold: group.threshold,
      participants: group.participants,
    },
    participants,
    unattributed: devices.length === 1 ? [] : appEvents,
  };
}

function appReports(history: HistoryRow[]): TrailEvent[] {
  return history
    .filter((h) => h.source === "app" && !h.applied)
    .map((h) => ({
      at: at(h.occurredAt),
      action: `reported_${h.toStatus}`,
      basis: "app" as const,
      detail: `the app reported "${h.toStatus}" (what the UCW SDK told it; Cobo's status decides)`,
    }));
}

/** The trail of a transaction (our row id); null when unknown. */
export async function getTransactionApprovalTrail(transactionId: string): Promise<ApprovalTrail | null> {
  const t = await db.transaction.findUnique({
    where: { id: transactionId },
    select: {
      userId: true,
      wallet: { select: { vault: { select: { userId: true, activeMainGroupId: true } } } },
      history: {
        orderBy: [{ occurredAt: "asc" }, { seq: "asc" }],
        select: { occurredAt: true, fromStatus: true, toStatus: true, subStatus: true, source: true, applied: true, payload: true },
      },
    },
  });
  if (!t) return null;
  const history = t.history as HistoryRow[];
  const coboGroupId = signerGroupFromHistory(history);
  let group: GroupRow | null = null;
  let groupSource: ApprovalTrail["groupSource"] = null;
  if (coboGroupId) {
    group = await db.keyShareHolderGroup.findUnique({ where: { coboGroupId }, select: groupSelect });
    if (group) groupSource = "signer_group";
  }
  if (!group && t.wallet.vault.activeMainGroupId) {
    group = await db.keyShareHolderGroup.findUnique({ where: { id: t.wallet.vault.activeMainGroupId }, select: groupSelect });
    if (group) groupSource = "active_main_group";
  }

  const cobo = history.filter((h) => h.applied && h.source !== "app");
  const asked = cobo.find((h) => h.toStatus === "PendingSignature");
  const signed = cobo.find((h) => SIGNED_STATUSES.has(h.toStatus) && (h.fromStatus === "PendingSignature" || asked !== undefined));
  const rejected = cobo.find((h) => h.toStatus === "Rejected" && /signer|mobile|cosigner/i.test(h.subStatus ?? ""));
  const failed = cobo.find((h) => h.toStatus === "Failed" && /signer|signature|timeout/i.test(h.subStatus ?? ""));

  const trail = build(
    group,
    t.userId ?? t.wallet.vault.userId,
    (m) => m.signer || isCoboHolder(m),
    (m) => {
      const events: TrailEvent[] = [];
      if (signed) {
        events.push({
          at: at(signed.occurredAt),
          action: "signed",
          basis: "cobo",
          detail: `Cobo reported ${signed.toStatus} after PendingSignature: the designated signers signed`,
        });
      }
      if (rejected && !isCoboHolder(m)) {
        events.push({
          at: at(rejected.occurredAt),
          action: "rejected",
          basis: "cobo",
          detail: `Cobo reported Rejected / ${rejected.subStatus ?? ""}: a designated signer's device rejected it`,
        });
      }
      if (failed) {
        events.push({
          at: at(failed.occurredAt),
          action: "failed",
          basis: "cobo",
          detail: `Cobo reported Failed / ${failed.subStatus ?? ""}`,
        });
      }
      return events;
    },
    appReports(history),
  );
  return { ...trail, groupSource };
}

/** The trail of a TSS request (our row id): the target group's holders; null when unknown. */
export async function getTssRequestApprovalTrail(tssRequestId: string): Promise<ApprovalTrail | null> {
  const r = await db.tssRequest.findUnique({
    where: { id: tssRequestId },
    select: {
      vault: { select: { userId: true } },
      targetGroup: { select: groupSelect },
      history: {
        orderBy: [{ occurredAt: "asc" }, { seq: "asc" }],
        select: { occurredAt: true, fromStatus: true, toStatus: true, source: true, applied: true, payload: true },
      },
    },
  });
  if (!r) return null;
  const history = r.history as HistoryRow[];
  const cobo = history.filter((h) => h.applied && h.source !== "app");
  const confirmed = cobo.find((h) => TSS_CONFIRMED_STATUSES.has(h.toStatus));
  const success = cobo.find((h) => h.toStatus === "Success");
  const refused = cobo.find((h) => h.toStatus === "KeyHolderConfirmationFailed");
  const genFailed = cobo.find((h) => h.toStatus === "KeyGeneratingFailed");

  const trail = build(
    r.targetGroup,
    r.vault.userId,
    () => true,
    () => {
      const events: TrailEvent[] = [];
      if (confirmed) {
        events.push({
          at: at(confirmed.occurredAt),
          action: "confirmed",
          basis: "cobo",
          detail: `Cobo reported ${confirmed.toStatus}: the key share holders confirmed`,
        });
      }
      if (success)
        events.push({
          at: at(success.occurredAt),
          action: "signed",
          basis: "cobo",
          detail: "Cobo reported Success: the key shares were generated",
        });
      if (refused) {
        events.push({
          at: at(refused.occurredAt),
          action: "rejected",
          basis: "cobo",
          detail: "Cobo reported KeyHolderConfirmationFailed: a holder rejected, did not confirm in time, or the request was cancelled",
        });
      }
      if (genFailed)
        events.push({ at: at(genFailed.occurredAt), action: "failed", basis: "cobo", detail: "Cobo reported KeyGeneratingFailed" });
      return events;
    },
    appReports(history),
  );
  return { ...trail, groupSource: trail.group ? "target_group" : null };
}
