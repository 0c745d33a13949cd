import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import type { TSSRequest } from "@/lib/cobo/types";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import {
  SUCCESS_WITHOUT_KEYS_STATUS,
  groupWithKeys,
  storedKeyShareGroups,
  storeGroupKeys,
  successWithoutKeysNote,
} from "@/lib/server/groups/group-keys";
import { adoptTssRequest, type TssGroupHint } from "@/lib/server/tss-requests/adopt-tss-request";
import { applyTssRequestUpdate, type TssUpdateResult, type TssUpdateSource } from "@/lib/server/tss-requests/apply-tss-request-update";
import { isFinalTssStatus, tssObservedAt } from "@/lib/server/tss-requests/tss-status";

// Re-reads a TSS request from Cobo and applies what Cobo says: the polling option of the guide,
// and what a webhook triggers (a webhook is a nudge; Cobo's answer is the truth, and TSS request
// events carry no vault id, which we know locally, or learn from the group of ours the request
// names: see adopt-tss-request.ts). A success is checked against the target group at Cobo first:
// its key share groups (every curve) are stored, or, when it holds none, the success is not
// believed (applyRemoteTssStatus).

/**
 * Syncs one TSS request (by Cobo id) from Cobo; `found: false` if it is not ours. One we have not
 * seen is adopted when `groups` (the event's target / source group ids) name a group of ours.
 */
export async function syncTssRequest(
  coboTssRequestId: string,
  source: TssUpdateSource = "poll",
  extra: { webhookEventId?: string | null; groups?: TssGroupHint } = {},
): Promise<TssUpdateResult> {
  const find = () =>
    db.tssRequest.findUnique({
      where: { coboTssRequestId },
      select: {
        status: true,
        vault: { select: { coboVaultId: true } },
        targetGroup: { select: { id: true, coboGroupId: true, rootPubkey: true, tssKeyShareGroups: true } },
      },
    });
  let local = await find();
  // Two tries: a concurrent applier may store it (or its target group) between our read and write.
  for (let attempt = 0; !local && extra.groups && attempt < 2; attempt++) {
    const adopted = await adoptTssRequest(coboTssRequestId, extra.groups, { source, webhookEventId: extra.webhookEventId ?? null });
    if (adopted.kind === "not_ours") return { found: false, applied: false, status: null };
    if (adopted.kind === "adopted") return { found: true, applied: true, status: adopted.status, vaultId: adopted.vaultId };
    local = await find();
  }
  if (!local?.vault.coboVaultId) return { found: false, applied: false, status: null };
  const cobo = getCoboGateway();
  // When this read began dates what it answers (tssObservedAt): a read that began later wins.
  const readStartedAt = new Date();
  const remote = await cobo.getTssRequest(local.vault.coboVaultId, coboTssRequestId);
  const observedAt = tssObservedAt(remote, readStartedAt);
  if (isFinalTssStatus(local.status)) {
    // Already settled here: nothing will apply, the report only goes on the timeline. A group
    // stored before every curve's keys were kept gets them now.
    const g = local.targetGroup;
    if (
      remote.status === "Success" &&
      local.status === "Success" &&
      g.coboGroupId &&
      storedKeyShareGroups(g.tssKeyShareGroups).length === 0
    ) {
      const keyed = await groupWithKeys(local.vault.coboVaultId, g.coboGroupId);
      if (keyed) await storeGroupKeys(g.id, keyed);
    }
    return applyTssRequestUpdate({
      coboTssRequestId,
      status: remote.status,
      source,
      webhookEventId: extra.webhookEventId ?? null,
      payload: remote as unknown as Prisma.InputJsonValue,
      observedAt,
    });
  }
  return applyRemoteTssStatus(local.vault.coboVaultId, local.targetGroup, remote, {
    source,
    webhookEventId: extra.webhookEventId ?? null,
    observedAt,
  });
}

/** The timeline note while a Success waits for its group's key share groups (also how the wait is found again). */
const AWAITING_KEYS_NOTE = "Cobo reports Success; waiting for the target group's key share groups";

/**
 * Applies the status Cobo reports for a TSS request we have. A `Success` is believed only when the
 * target group now holds key share groups at Cobo (re-read; their keys are stored before the
 * success is applied, so a group is never the active Main Group without them). Without any, either
 * Cobo has not listed them yet, or no key was generated (Cobo's specification can be read as
 * reporting a cancelled request as `Success`). So, unless the request was cancelled (then no key
 * was made), the report is noted on the timeline and not applied: the request stays open and is
 * re-read (reconciliation) until the keys appear, for at most TSS_SUCCESS_KEYS_GRACE_SECONDS after
 * the first such report; then, or at once for a cancelled request, it is recorded as failed, with
 * Cobo's answer and a note on the timeline, and its group is abandoned.
 */
export async function applyRemoteTssStatus(
  coboVaultId: string,
  target: { id: string; coboGroupId: string | null },
  remote: TSSRequest,
  meta: { source: TssUpdateSource; webhookEventId?: string | null; note?: string | null; observedAt: Date },
): Promise<TssUpdateResult> {
  let status = remote.status;
  let note = meta.note ?? null;
  if (status === "Success" && target.coboGroupId) {
    const keyed = await groupWithKeys(coboVaultId, target.coboGroupId);
    if (keyed) {
      await storeGroupKeys(target.id, keyed);
    } else {
      const waiting = await awaitKeysOrGiveUp(remote, meta);
      if (waiting) return waiting;
      status = SUCCESS_WITHOUT_KEYS_STATUS;
      note = [meta.note, successWithoutKeysNote(target.coboGroupId)].filter(Boolean).join("; ");
      logger.warn(
        { event: "tss_request.success_without_keys", coboTssRequestId: remote.tss_request_id, coboGroupId: target.coboGroupId },
        "Cobo reported Success for a TSS request whose target group holds no key share groups",
      );
    }
  }
  return applyTssRequestUpdate({
    coboTssRequestId: remote.tss_request_id,
    status,
    source: meta.source,
    note,
    webhookEventId: meta.webhookEventId ?? null,
    payload: remote as unknown as Prisma.InputJsonValue,
    observedAt: meta.observedAt,
  });
}

/**
 * For a Success whose group lists no key share groups: the result to answer while the request may
 * still wait for them (first time: noted on the timeline), or null when it must count as failed
 * (cancelled, or waiting longer than TSS_SUCCESS_KEYS_GRACE_SECONDS).
 */
async function awaitKeysOrGiveUp(
  remote: TSSRequest,
  meta: { source: TssUpdateSource; webhookEventId?: string | null },
): Promise<TssUpdateResult | null> {
  const row = await db.tssRequest.findUnique({
    where: { coboTssRequestId: remote.tss_request_id },
    select: {
      id: true,
      status: true,
      cancelledAt: true,
      vaultId: true,
      history: {
        where: { toStatus: "Success", applied: false, note: AWAITING_KEYS_NOTE },
        orderBy: { seq: "asc" },
        take: 1,
        select: { occurredAt: true },
      },
    },
  });
  if (!row || row.cancelledAt) return null;
  const since = row.history[0]?.occurredAt;
  if (since && Date.now() - since.getTime() >= getEnv().TSS_SUCCESS_KEYS_GRACE_SECONDS * 1000) return null;
  if (!since) {
    await db.tssRequestStatusChange.create({
      data: {
        tssRequestId: row.id,
        fromStatus: row.status,
        toStatus: "Success",
        source: meta.source,
        applied: false,
        note: AWAITING_KEYS_NOTE,
        webhookEventId: meta.webhookEventId ?? null,
        payload: remote as unknown as Prisma.InputJsonValue,
      },
    });
  }
  logger.info({ event: "tss_request.success_awaiting_keys", coboTssRequestId: remote.tss_request_id }, "waiting for key share groups");
  return { found: true, applied: false, status: row.status, vaultId: row.vaultId };
}
