import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordDrift } from "@/lib/server/reconciliation/record-drift";
import { applyTransactionEvent } from "@/lib/server/transactions/apply-transaction-event";

// Reconciliation's deposit sweep: deposits are the one kind of transaction only Cobo starts, so a
// deposit whose webhooks were all lost (and which the event scan missed too) would otherwise never
// be known here. Each run lists Cobo's Deposit transactions created since the watermark (the
// newest created_timestamp a complete sweep saw, less an overlap for transactions listed late),
// pages to the end of the list (its order is not documented: nothing stops early), and applies
// each one like a webhook report (source "poll"): applying is idempotent, so a deposit the webhook
// brought too changes nothing, and a new one to a wallet of ours is adopted. A sweep cut short by
// the page limit keeps its cursor and its watermark, and the next run continues from there.
// Deposits still open are then followed by the open-transaction poll.

export const SWEEP_FIRST_MS = 24 * 60 * 60_000;
export const SWEEP_OVERLAP_MS = 10 * 60_000;

const KEY = "reconcile.deposit_sweep";

type SweepState = { watermark: number | null; resume?: { after: string; since: number; newest: number } };

async function readState(): Promise<SweepState> {
  const row = await db.systemSetting.findUnique({ where: { key: KEY }, select: { value: true } });
  return row ? (row.value as SweepState) : { watermark: null };
}

async function writeState(state: SweepState): Promise<void> {
  const value = JSON.parse(JSON.stringify(state)) as Prisma.InputJsonValue;
  await db.systemSetting.upsert({ where: { key: KEY }, update: { value }, create: { key: KEY, value } });
}

export type SweepReport = { listed: number; adopted: number; applied: number; pages: number; complete: boolean };

/** One deposit sweep; see above. */
export async function sweepDeposits(now = Date.now(), opts: { pageSize?: number; maxPages?: number } = {}): Promise<SweepReport> {
  const cobo = getCoboGateway();
  const pageSize = opts.pageSize ?? 50;
  const maxPages = opts.maxPages ?? 20;
  const state = await readState();
  const since = state.resume?.since ?? (state.watermark ?? now - SWEEP_FIRST_MS) - SWEEP_OVERLAP_MS;
  let after = state.resume?.after;
  let newest = state.resume?.newest ?? state.watermark ?? null;
  const report: SweepReport = { listed: 0, adopted: 0, applied: 0, pages: 0, complete: false };
  for (let page = 0; page < maxPages; page++) {
    const listed = await cobo.listTransactions({
      types: ["Deposit"],
      min_created_timestamp: Math.max(0, Math.floor(since)),
      limit: pageSize,
      ...(after ? { after } : {}),
    });
    report.pages++;
    // Deposits we already hold as Cobo lists them (same status, report no newer) need no apply.
    const held = new Map(
      (
        await db.transaction.findMany({
          where: { coboTransactionId: { in: listed.data.map((t) => t.transaction_id) } },
          select: { coboTransactionId: true, status: true, coboUpdatedAt: true },
        })
      ).map((r) => [r.coboTransactionId, r]),
    );
    for (const t of listed.data) {
      report.listed++;
      if (t.created_timestamp) newest = Math.max(newest ?? t.created_timestamp, t.created_timestamp);
      const mine = held.get(t.transaction_id);
      if (mine && mine.status === t.status && (!t.updated_timestamp || (mine.coboUpdatedAt?.getTime() ?? 0) >= t.updated_timestamp))
        continue;
      const result = await applyTransactionEvent(t, null, "poll");
      if (result.created) {
        report.adopted++;
        await recordDrift({
          subjectType: "transaction",
          subjectId: t.transaction_id,
          ourValue: null,
          coboValue: t.status,
          detail: "deposit no webhook had brought; found by the deposit sweep",
          healed: true,
        });
      } else if (result.applied) report.applied++;
    }
    after = listed.pagination?.after ?? undefined;
    if (!after || listed.data.length < pageSize) {
      report.complete = true;
      break;
    }
  }
  await writeState(
    // Nothing listed: the window's start stays where it was (since + overlap), never our own clock.
    report.complete || !after
      ? { watermark: newest ?? since + SWEEP_OVERLAP_MS }
      : { watermark: state.watermark, resume: { after, since, newest: newest ?? since } },
  );
  return report;
}
