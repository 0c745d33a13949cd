import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { acknowledgeAttentionAction } from "@/app/(console)/needs-attention/actions";
import { setTimeZoneAction, updateAttentionSettingsAction } from "@/app/(console)/settings/actions";
import type { ActionResult } from "@/components/actions/action-result";
import { Prisma } from "@/lib/generated/prisma/client";
import { runConsoleActionAs } from "@/lib/http/console-action";
import { resetEnvCache } from "@/lib/env";
import { readCoboReachability, recordCoboProbe } from "@/lib/observability/cobo-reachability";
import {
  ALERT_STATE_KEY,
  checkAttentionAlert,
  deliverAttentionAlert,
  markAttentionAlertFailed,
} from "@/lib/server/attention/attention-alert";
import {
  attentionClassQueries,
  attentionCountSql,
  attentionRowsSql,
  countAttention,
  readAttentionQueue,
  type AttentionItem,
} from "@/lib/server/attention/attention-queue";
import { ATTENTION_SETTINGS_KEY, DEFAULT_ATTENTION_SETTINGS, readAttentionSettings } from "@/lib/server/attention/attention-settings";
import { createConsoleUser, findActiveConsoleUser, type ConsoleIdentity } from "@/lib/server/console-users/console-users";
import { setupTestDatabase } from "../../../tests/helpers/db";

// The "Needs attention" queue against a real database: each class of item and its threshold, the
// acknowledgement (admins only, audited), the thresholds as settings (validated, audited), the
// alert on a crossing or a new class (signed, deduplicated, cooled down, retried), the Cobo probe's
// remembered state, and that every class is read through an index.

const t = setupTestDatabase();
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const SECRET = "an-attention-alert-secret-of-32-chars-or-more";

let admin: ConsoleIdentity;
let support: ConsoleIdentity;
const ids: Record<string, string> = {};

function data<T>(result: ActionResult<T>): T {
  if ("error" in result) throw new Error(`expected data, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

async function auditRows(action: string) {
  return t.current.db.auditLog.findMany({ where: { action }, orderBy: { createdAt: "asc" } });
}

const keyOf = (i: Pick<AttentionItem, "kind" | "subjectId">) => `${i.kind}:${i.subjectId}`;

beforeAll(async () => {
  process.env.ATTENTION_ALERT_SECRET = SECRET;
  resetEnvCache();
  const db = t.current.db;
  admin = await createConsoleUser({ email: "admin@attention.test", role: "admin", password: "admin long password" });
  support = await createConsoleUser({ email: "support@attention.test", role: "support", password: "support long password" });

  const alice = await db.user.create({ data: { email: "alice@attention.test" } });
  ids.alice = alice.id;
  const vault = await db.vault.create({ data: { userId: alice.id, coboVaultId: "v-attn", name: "v", coboProjectId: "p" } });
  const group = await db.keyShareHolderGroup.create({ data: { vaultId: vault.id, groupType: "MainGroup", threshold: 2, participants: 2 } });
  const wallet = await db.wallet.create({ data: { vaultId: vault.id, coboWalletId: "w-attn", name: "w" } });
  const tss = (coboId: string, status: string, minutes: number) =>
    db.tssRequest.create({
      data: { coboTssRequestId: coboId, vaultId: vault.id, type: "KeyGen", status, targetGroupId: group.id, createdAt: ago(minutes) },
    });
  ids.tssOld = (await tss("tss-old-pending", "PendingKeyHolderConfirmation", 90)).id;
  ids.tssYoung = (await tss("tss-young-pending", "PendingKeyHolderConfirmation", 5)).id;
  ids.tssDone = (await tss("tss-old-success", "Success", 300)).id;

  let n = 0;
  const tx = (status: string, minutes: number, extra: Partial<Prisma.TransactionUncheckedCreateInput> = {}) =>
    db.transaction.create({
      data: {
        requestId: `req-attn-${++n}`,
        coboTransactionId: `cobo-tx-attn-${n}`,
        walletId: wallet.id,
        userId: alice.id,
        type: "Withdrawal",
        chainId: "XTN",
        tokenId: "XTN",
        amount: new Prisma.Decimal("0.5"),
        status,
        createdAt: ago(minutes),
        ...extra,
      },
    });
  ids.txSigning = (await tx("PendingSignature", 60, { subStatus: "PendingSignerApproval" })).id;
  ids.txSigningYoung = (await tx("PendingSignature", 2)).id;
  ids.txFailed = (await tx("Failed", 60, { subStatus: "FailedBySigner", failedReason: "device declined" })).id;
  ids.txRejected = (await tx("Rejected", 30, { subStatus: "RejectedRiskControlCheck" })).id;
  ids.txCompleted = (await tx("Completed", 30)).id;
  ids.txDeposit = (await tx("Failed", 30, { type: "Deposit" })).id;
  // failed long ago: outside failedWithdrawalHours (updated_at is set by Prisma; backdate it in SQL)
  ids.txFailedOld = (await tx("Failed", 10_000)).id;
  await db.$executeRaw`UPDATE transactions SET updated_at = now() - interval '10 days' WHERE id = ${ids.txFailedOld}::uuid`;

  const event = (eventId: string, status: string, minutes: number) =>
    db.webhookEvent.create({
      data: {
        eventId,
        type: "wallets.transaction.updated",
        rawBody: "{}",
        signatureResult: "valid",
        status,
        attempts: 3,
        lastError: "boom",
        receivedAt: ago(minutes),
      },
    });
  ids.eventFailed = (await event("evt-attn-failed", "failed", 60)).id;
  ids.eventFailedYoung = (await event("evt-attn-failed-young", "failed", 1)).id;
  ids.eventApplied = (await event("evt-attn-applied", "applied", 60)).id;

  const decision = (decision: string, reason: string, signatureResult: string, requestId: string | null) =>
    db.riskDecision.create({ data: { decision, reason, signatureResult, rawBody: "{}", requestId, coboTransactionId: null } });
  ids.callbackError = (await decision("deny", "internal_error: database unavailable", "valid", "req-attn-4")).id;
  ids.callbackForged = (await decision("deny", "signature_invalid: bad signature", "invalid", null)).id;
  ids.callbackPolicy = (await decision("deny", "destination_denied: on the deny list", "valid", "req-attn-4")).id;
  ids.callbackOk = (await decision("ok", "approved: passes every rule", "valid", "req-attn-1")).id;

  ids.driftOpen = (
    await db.reconciliationDrift.create({
      data: { subjectType: "tss_request", subjectId: "tss-old-pending", ourValue: "Pending", coboValue: "Success" },
    })
  ).id;
  ids.driftResolved = (
    await db.reconciliationDrift.create({ data: { subjectType: "transaction", subjectId: "cobo-tx-attn-1", resolvedAt: new Date() } })
  ).id;
});

describe("the queue", () => {
  it("holds each class's items past their thresholds, with the user, a link and why; and nothing else", async () => {
    const q = await readAttentionQueue();
    const keys = q.items.map(keyOf).sort();
    expect(keys).toEqual(
      [
        `tss_pending:${ids.tssOld}`,
        `device_wait:${ids.txSigning}`,
        `withdrawal_failed:${ids.txFailed}`,
        `withdrawal_failed:${ids.txRejected}`,
        `webhook_failed:${ids.eventFailed}`,
        `callback_failed:${ids.callbackError}`,
        `callback_failed:${ids.callbackForged}`,
        `drift_open:${ids.driftOpen}`,
      ].sort(),
    );
    expect(q.counts).toEqual({
      tss_pending: 1,
      device_wait: 1,
      withdrawal_failed: 2,
      webhook_failed: 1,
      callback_failed: 2,
      drift_open: 1,
    });
    expect(q.total).toBe(8);
    expect(await countAttention()).toEqual({ counts: q.counts, total: 8, capped: false });

    const byKey = new Map(q.items.map((i) => [keyOf(i), i]));
    const tss = byKey.get(`tss_pending:${ids.tssOld}`)!;
    expect(tss).toMatchObject({
      ref: "tss-old-pending",
      href: `/tss-requests/${ids.tssOld}`,
      userId: ids.alice,
      userEmail: "alice@attention.test",
    });
    expect(tss.ageSeconds).toBeGreaterThanOrEqual(90 * 60);
    expect(tss.why).toContain("PendingKeyHolderConfirmation");
    const signing = byKey.get(`device_wait:${ids.txSigning}`)!;
    expect(signing).toMatchObject({ href: `/transactions/${ids.txSigning}`, userEmail: "alice@attention.test" });
    expect(signing.why).toContain("PendingSignerApproval");
    expect(byKey.get(`withdrawal_failed:${ids.txFailed}`)!.why).toBe("Withdrawal Failed: FailedBySigner: device declined");
    expect(byKey.get(`webhook_failed:${ids.eventFailed}`)).toMatchObject({ href: `/webhooks/${ids.eventFailed}`, userId: null });
    // the callback names the transaction's user through its request id
    expect(byKey.get(`callback_failed:${ids.callbackError}`)).toMatchObject({
      href: `/risk/decisions/${ids.callbackError}`,
      userEmail: "alice@attention.test",
    });
    // a drift links to its subject's page
    expect(byKey.get(`drift_open:${ids.driftOpen}`)).toMatchObject({
      href: `/tss-requests/${ids.tssOld}`,
      userEmail: "alice@attention.test",
    });
    // oldest first
    const ages = q.items.map((i) => i.ageSeconds);
    expect(ages).toEqual([...ages].sort((a, b) => b - a));
  });

  it("moves items in and out as the thresholds change", async () => {
    await t.current.db.systemSetting.upsert({
      where: { key: ATTENTION_SETTINGS_KEY },
      create: {
        key: ATTENTION_SETTINGS_KEY,
        value: { ...DEFAULT_ATTENTION_SETTINGS, tssPendingMinutes: 3, deviceWaitMinutes: 120, webhookFailedMinutes: 24 * 60 },
      },
      update: { value: { ...DEFAULT_ATTENTION_SETTINGS, tssPendingMinutes: 3, deviceWaitMinutes: 120, webhookFailedMinutes: 24 * 60 } },
    });
    const q = await readAttentionQueue();
    expect(
      q.items
        .filter((i) => i.kind === "tss_pending")
        .map((i) => i.subjectId)
        .sort(),
    ).toEqual([ids.tssOld, ids.tssYoung].sort());
    expect(q.counts.device_wait).toBe(0);
    expect(q.counts.webhook_failed).toBe(0);
    await t.current.db.systemSetting.delete({ where: { key: ATTENTION_SETTINGS_KEY } });
  });

  it("reads every class through an index (no sequential scan of the big tables)", async () => {
    const settings = await readAttentionSettings();
    for (const q of attentionClassQueries(settings, new Date())) {
      for (const sql of [attentionRowsSql(q), attentionCountSql(q)]) {
        const plan = await t.current.db.$transaction(async (tx) => {
          await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
          const rows = await tx.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${sql}`);
          return rows.map((r) => r["QUERY PLAN"]).join("\n");
        });
        expect(plan, `${q.kind}:\n${plan}`).not.toMatch(
          /Seq Scan on (tss_requests|transactions|webhook_events|risk_decisions|reconciliation_drifts)\b/,
        );
      }
    }
  });
});

describe("thresholds as settings", () => {
  it("admins change them (validated, audited); support staff are refused and the refusal is audited", async () => {
    const bad = await runConsoleActionAs(updateAttentionSettingsAction, admin, {
      ...DEFAULT_ATTENTION_SETTINGS,
      tssPendingMinutes: "0",
      deviceWaitMinutes: "ten",
      alertWebhookUrl: "ftp://alerts.example.com",
    });
    expect("error" in bad && bad.error.code).toBe("invalid_input");
    expect("error" in bad ? (bad.error.fields ?? []).map((f) => f.path).sort() : []).toEqual([
      "alertWebhookUrl",
      "deviceWaitMinutes",
      "tssPendingMinutes",
    ]);
    expect(await t.current.db.systemSetting.findUnique({ where: { key: ATTENTION_SETTINGS_KEY } })).toBeNull();

    const refused = await runConsoleActionAs(updateAttentionSettingsAction, support, {
      ...DEFAULT_ATTENTION_SETTINGS,
      tssPendingMinutes: 5,
    });
    expect("error" in refused && refused.error.code).toBe("forbidden");
    expect(await t.current.db.systemSetting.findUnique({ where: { key: ATTENTION_SETTINGS_KEY } })).toBeNull();

    const saved = data(
      await runConsoleActionAs(updateAttentionSettingsAction, admin, {
        ...DEFAULT_ATTENTION_SETTINGS,
        tssPendingMinutes: "45",
        alertWebhookUrl: "",
      }),
    );
    expect(saved).toMatchObject({ tssPendingMinutes: 45, alertWebhookUrl: null });
    expect((await readAttentionSettings()).tssPendingMinutes).toBe(45);
    const audit = await auditRows("attention.settings.update");
    expect(audit.map((a) => [a.actorEmail, a.outcome])).toEqual([
      ["support@attention.test", "denied"],
      ["admin@attention.test", "succeeded"],
    ]);
    expect(audit[1]!.details).toMatchObject({ tssPendingMinutes: 45 });
    await t.current.db.systemSetting.delete({ where: { key: ATTENTION_SETTINGS_KEY } });
  });

  it("falls back to the default for a stored field that no longer parses", async () => {
    await t.current.db.systemSetting.create({
      data: { key: ATTENTION_SETTINGS_KEY, value: { tssPendingMinutes: -4, deviceWaitMinutes: 12 } },
    });
    expect(await readAttentionSettings()).toEqual({ ...DEFAULT_ATTENTION_SETTINGS, deviceWaitMinutes: 12 });
    await t.current.db.systemSetting.delete({ where: { key: ATTENTION_SETTINGS_KEY } });
  });
});

describe("acknowledging", () => {
  it("takes an item off the queue for an admin, once, with the reason in the audit log; support staff are refused", async () => {
    const input = { kind: "withdrawal_failed", subjectId: ids.txRejected, reason: "user told, retrying with a new address" };
    const refused = await runConsoleActionAs(acknowledgeAttentionAction, support, input);
    expect("error" in refused && refused.error.code).toBe("forbidden");
    expect((await readAttentionQueue()).items.map(keyOf)).toContain(`withdrawal_failed:${ids.txRejected}`);

    const short = await runConsoleActionAs(acknowledgeAttentionAction, admin, { ...input, reason: " " });
    expect("error" in short ? short.error.fields?.map((f) => f.path) : []).toEqual(["reason"]);

    const ack = data(await runConsoleActionAs(acknowledgeAttentionAction, admin, input));
    expect(ack).toMatchObject({ kind: "withdrawal_failed", subjectId: ids.txRejected });
    const after = await readAttentionQueue();
    expect(after.items.map(keyOf)).not.toContain(`withdrawal_failed:${ids.txRejected}`);
    expect(after.counts.withdrawal_failed).toBe(1);

    const again = await runConsoleActionAs(acknowledgeAttentionAction, admin, input);
    expect("error" in again && again.error.code).toBe("conflict");
    expect(await t.current.db.attentionAcknowledgement.count({ where: { subjectId: ids.txRejected } })).toBe(1);

    // an object that is not in the queue (a completed transaction) cannot be acknowledged
    const notQueued = await runConsoleActionAs(acknowledgeAttentionAction, admin, { ...input, subjectId: ids.txCompleted });
    expect("error" in notQueued && notQueued.error.code).toBe("not_found");

    const audit = await auditRows("attention.acknowledge");
    expect(audit.map((a) => [a.actorEmail, a.outcome])).toEqual([
      ["support@attention.test", "denied"],
      ["admin@attention.test", "succeeded"],
      ["admin@attention.test", "failed"],
      ["admin@attention.test", "failed"],
    ]);
    expect(audit[1]).toMatchObject({ targetType: "withdrawal_failed", targetId: ids.txRejected, details: { reason: input.reason } });
    const stored = await t.current.db.attentionAcknowledgement.findFirstOrThrow({ where: { subjectId: ids.txRejected } });
    expect(stored).toMatchObject({ actorId: admin.id, actorEmail: admin.email, reason: input.reason });
  });
});

describe("the alert", () => {
  const received: { body: string; headers: Record<string, string | string[] | undefined> }[] = [];
  let failNext = 0;
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      received.push({ body, headers: req.headers });
      res.writeHead(204).end();
    });
  });
  let url = "";
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/alerts`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(async () => {
    received.length = 0;
    await t.current.db.systemSetting.deleteMany({ where: { key: { in: [ALERT_STATE_KEY, ATTENTION_SETTINGS_KEY] } } });
    await t.current.db.attentionAlert.deleteMany();
  });

  async function setSettings(patch: Partial<typeof DEFAULT_ATTENTION_SETTINGS>) {
    data(await runConsoleActionAs(updateAttentionSettingsAction, admin, { ...DEFAULT_ATTENTION_SETTINGS, alertWebhookUrl: url, ...patch }));
  }

  /** Moves the last alert's time a day back, as if the cool-down had passed. */
  async function expireCooldown() {
    const row = await t.current.db.systemSetting.findUniqueOrThrow({ where: { key: ALERT_STATE_KEY } });
    const value = row.value as Record<string, unknown>;
    await t.current.db.systemSetting.update({
      where: { key: ALERT_STATE_KEY },
      data: { value: { ...value, lastAlertAt: new Date(Date.now() - 24 * 60 * 60_000).toISOString() } },
    });
  }

  it("sends one signed alert per crossing of the size, none while it stays above, and none within the cool-down", async () => {
    const { total } = await countAttention();
    await setSettings({ alertQueueSize: total + 1, alertCooldownMinutes: 30 });
    // the first check sees classes it never saw: one new_class alert; then nothing new
    const first = await checkAttentionAlert();
    expect(first).toMatchObject({ trigger: "new_class", suppressed: false });
    await expireCooldown();
    expect(await checkAttentionAlert()).toMatchObject({ trigger: null, alertId: null });

    // one more item: the queue reaches the size
    const extra = await t.current.db.reconciliationDrift.create({ data: { subjectType: "webhook_event", subjectId: "evt-missing-1" } });
    const crossed = await checkAttentionAlert();
    expect(crossed).toMatchObject({ trigger: "threshold_crossed", suppressed: false, total: total + 1 });
    const alert = await t.current.db.attentionAlert.findUniqueOrThrow({ where: { id: crossed.alertId! } });
    expect(alert).toMatchObject({ trigger: "threshold_crossed", itemCount: total + 1, url, status: "pending" });

    // still above: no second alert
    expect(await checkAttentionAlert()).toMatchObject({ trigger: null, alertId: null });

    // delivered signed; a failed attempt is retried by the queue (the function throws), then succeeds
    failNext = 1;
    await expect(deliverAttentionAlert(alert.id)).rejects.toThrow(/HTTP 503/);
    expect(await t.current.db.attentionAlert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({
      status: "pending",
      attempts: 1,
      lastStatus: 503,
    });
    await deliverAttentionAlert(alert.id);
    expect(received).toHaveLength(1);
    const { body, headers } = received[0]!;
    const expected = createHmac("sha256", SECRET)
      .update(`${String(headers["x-ucw-timestamp"])}.${body}`)
      .digest("hex");
    expect(headers["x-ucw-signature"]).toBe(expected);
    expect(headers["x-ucw-alert-id"]).toBe(alert.id);
    expect(JSON.parse(body)).toMatchObject({
      type: "needs_attention",
      alert_id: alert.id,
      trigger: "threshold_crossed",
      item_count: total + 1,
    });
    expect(await t.current.db.attentionAlert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({
      status: "delivered",
      attempts: 2,
    });
    // a delivered alert is never sent again
    await deliverAttentionAlert(alert.id);
    expect(received).toHaveLength(1);

    // below, then above again within the cool-down: suppressed (no storm)
    const crossAgain = async () => {
      await t.current.db.reconciliationDrift.update({ where: { id: extra.id }, data: { resolvedAt: new Date() } });
      expect(await checkAttentionAlert()).toMatchObject({ trigger: null });
      await t.current.db.reconciliationDrift.update({ where: { id: extra.id }, data: { resolvedAt: null } });
      return checkAttentionAlert();
    };
    expect(await crossAgain()).toMatchObject({ trigger: "threshold_crossed", suppressed: true, alertId: null });
    // after the cool-down: a crossing alerts again
    await expireCooldown();
    expect(await crossAgain()).toMatchObject({ trigger: "threshold_crossed", suppressed: false });
    expect(await t.current.db.attentionAlert.count()).toBe(3);
    await t.current.db.reconciliationDrift.delete({ where: { id: extra.id } });
  });

  it("alerts when a new class of item appears, and gives up on an alert after the queue's last retry", async () => {
    await setSettings({ alertQueueSize: 10_000, alertCooldownMinutes: 1 });
    expect(await checkAttentionAlert()).toMatchObject({ trigger: "new_class" });
    // acknowledge the only open drift: the class leaves; when a drift appears again, it is new again
    data(
      await runConsoleActionAs(acknowledgeAttentionAction, admin, {
        kind: "drift_open",
        subjectId: ids.driftOpen,
        reason: "known, Cobo lags",
      }),
    );
    await expireCooldown();
    expect(await checkAttentionAlert()).toMatchObject({ trigger: null });
    await t.current.db.reconciliationDrift.create({ data: { subjectType: "transaction", subjectId: "cobo-tx-attn-3" } });
    const check = await checkAttentionAlert();
    expect(check).toMatchObject({ trigger: "new_class", suppressed: false });
    const alert = await t.current.db.attentionAlert.findUniqueOrThrow({ where: { id: check.alertId! } });
    expect(alert.newClasses).toEqual(["drift_open"]);
    await markAttentionAlertFailed(alert.id);
    expect(await t.current.db.attentionAlert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({ status: "failed" });
    await deliverAttentionAlert(alert.id);
    expect(received).toHaveLength(0);
  });

  it("records an alert it cannot send when no URL is set", async () => {
    const check = await checkAttentionAlert();
    expect(check.trigger).toBe("new_class");
    expect(await t.current.db.attentionAlert.findUniqueOrThrow({ where: { id: check.alertId! } })).toMatchObject({
      status: "not_sent",
      url: null,
      lastError: "no alert webhook URL is set",
    });
  });
});

describe("per-user time zone", () => {
  it("stores a known zone for the user who sets it, clears it, and refuses an unknown one", async () => {
    expect(data(await runConsoleActionAs(setTimeZoneAction, support, { timeZone: "Europe/Berlin" }))).toEqual({
      timeZone: "Europe/Berlin",
    });
    expect((await findActiveConsoleUser(support.id))?.timeZone).toBe("Europe/Berlin");
    const bad = await runConsoleActionAs(setTimeZoneAction, support, { timeZone: "Mars/Olympus_Mons" });
    expect("error" in bad ? bad.error.fields?.map((f) => f.path) : []).toEqual(["timeZone"]);
    expect((await t.current.db.consoleUser.findUniqueOrThrow({ where: { id: support.id } })).timeZone).toBe("Europe/Berlin");
    expect(data(await runConsoleActionAs(setTimeZoneAction, support, { timeZone: "" }))).toEqual({ timeZone: null });
    expect((await t.current.db.consoleUser.findUniqueOrThrow({ where: { id: admin.id } })).timeZone).toBeNull();
  });
});

describe("the Cobo probe's remembered state", () => {
  it("keeps since when Cobo has been down across probes, and starts again when it answers", async () => {
    const t0 = new Date("2026-12-04T08:00:00.000Z");
    await recordCoboProbe("down", "not reachable", t0);
    await recordCoboProbe("down", "not reachable", new Date(t0.getTime() + 30_000));
    await recordCoboProbe("down", "not reachable", new Date(t0.getTime() + 120_000));
    expect(await readCoboReachability()).toEqual({
      status: "down",
      since: t0.toISOString(),
      checkedAt: new Date(t0.getTime() + 120_000).toISOString(),
      detail: "not reachable",
    });
    await recordCoboProbe("ok", null, new Date(t0.getTime() + 180_000));
    expect(await readCoboReachability()).toMatchObject({ status: "ok", since: new Date(t0.getTime() + 180_000).toISOString() });
  });
});
