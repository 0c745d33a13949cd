import { beforeAll, describe, expect, it } from "vitest";
import { getInsights, parseInsightsWindow } from "@/lib/console/get-insights";
import { setupTestDatabase } from "../../tests/helpers/db";

// The Insights charts' numbers against a real database: sums per day and token (exact decimals),
// TSS outcomes and time to Success, webhook counts and latency, denials by rule; whole UTC days
// with zeros; rows outside the window left out.

const t = setupTestDatabase();
const DAY = 86_400_000;
const today = new Date(new Date().toISOString().slice(0, 10) + "T12:00:00.000Z");
const daysAgo = (d: number, extraMs = 0) => new Date(today.getTime() - d * DAY + extraMs);
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

beforeAll(async () => {
  const db = t.current.db;
  const user = await db.user.create({ data: { email: "insights@example.com", passwordHash: "x" } });
  const vault = await db.vault.create({ data: { userId: user.id, coboVaultId: "v-ins", name: "v", coboProjectId: "p" } });
  const wallet = await db.wallet.create({ data: { vaultId: vault.id, coboWalletId: "w-ins", name: "w" } });
  const group = await db.keyShareHolderGroup.create({
    data: { vaultId: vault.id, coboGroupId: "g-ins", groupType: "MainGroup", threshold: 2, participants: 2 },
  });
  let n = 0;
  const tx = (type: string, tokenId: string, amount: string, status: string, createdAt: Date) =>
    db.transaction.create({
      data: { requestId: `ins-${++n}`, walletId: wallet.id, type, chainId: "ETH", tokenId, amount, status, createdAt, userId: user.id },
    });
  await tx("Deposit", "ETH", "1.000000000000000001", "Completed", daysAgo(1));
  await tx("Deposit", "ETH", "2", "Completed", daysAgo(1, 60_000));
  await tx("Withdrawal", "ETH", "0.5", "Completed", daysAgo(1));
  await tx("Withdrawal", "ETH", "9", "Failed", daysAgo(1)); // not completed: not volume
  await tx("Deposit", "USDT", "10", "Completed", daysAgo(0));
  await tx("Deposit", "ETH", "100", "Completed", daysAgo(40)); // outside a 30-day window

  const tss = (id: string, status: string, createdAt: Date, finalizedAt: Date | null) =>
    db.tssRequest.create({
      data: { coboTssRequestId: id, vaultId: vault.id, type: "KeyGen", status, targetGroupId: group.id, createdAt, finalizedAt },
    });
  await tss("t1", "Success", daysAgo(2), daysAgo(2, 60_000));
  await tss("t2", "Success", daysAgo(2), daysAgo(2, 180_000));
  await tss("t3", "KeyGeneratingFailed", daysAgo(2), daysAgo(2, 10_000));
  await tss("t4", "PendingKeyHolderConfirmation", daysAgo(2), null);

  const wh = (eventId: string, status: string, receivedAt: Date, coboCreatedAt: Date | null, signatureResult = "valid", source = "push") =>
    db.webhookEvent.create({
      data: { eventId, type: "wallets.transaction.updated", rawBody: "{}", signatureResult, status, receivedAt, coboCreatedAt, source },
    });
  await wh("e1", "applied", daysAgo(0), daysAgo(0, -200));
  await wh("e2", "received", daysAgo(0), daysAgo(0, -400));
  await wh("e3", "applied", daysAgo(0), daysAgo(0, -60_000), "valid", "pull"); // pulled: counted, not a latency
  await wh("e4", "ignored", daysAgo(0), null, "invalid"); // forged: not a delivery

  const deny = (reason: string, createdAt: Date) =>
    db.riskDecision.create({ data: { decision: "deny", reason, rawBody: "{}", signatureResult: "valid", createdAt } });
  await deny("amount_limit: over 1 ETH per transfer", daysAgo(0));
  await deny("amount_limit: over 5 ETH per day", daysAgo(1));
  await deny("address_denied: on the deny list", daysAgo(1));
  await deny("free text from an older version", daysAgo(1));
  await db.riskDecision.create({
    data: { decision: "allow", reason: "ok", rawBody: "{}", signatureResult: "valid", createdAt: daysAgo(1) },
  });
});

describe("insights", () => {
  it("lists every UTC day of the window, today last", async () => {
    const i = await getInsights(7);
    expect(i.dayList).toHaveLength(7);
    expect(i.dayList.at(-1)).toBe(dayOf(today));
    expect(i.tss).toHaveLength(7);
    expect(i.webhooks.map((w) => w.day)).toEqual(i.dayList);
  });

  it("sums completed deposits and withdrawals per day and token, exactly, inside the window only", async () => {
    const i = await getInsights(30);
    expect(i.tokens).toEqual(["ETH", "USDT"]);
    expect(i.volume).toEqual([
      {
        day: dayOf(daysAgo(1)),
        tokenId: "ETH",
        deposits: "3.000000000000000001000000000000",
        withdrawals: "0.500000000000000000000000000000",
        depositCount: 2,
        withdrawalCount: 1,
      },
      {
        day: dayOf(daysAgo(0)),
        tokenId: "USDT",
        deposits: "10.000000000000000000000000000000",
        withdrawals: "0",
        depositCount: 1,
        withdrawalCount: 0,
      },
    ]);
    const wide = await getInsights(90);
    expect(wide.volume.find((v) => v.day === dayOf(daysAgo(40)))?.deposits).toMatch(/^100/);
  });

  it("counts TSS outcomes per day created and the time Success took", async () => {
    const day = (await getInsights(7)).tss.find((d) => d.day === dayOf(daysAgo(2)));
    expect(day).toEqual({ day: dayOf(daysAgo(2)), succeeded: 2, failed: 1, open: 1, approveP50Seconds: 120, approveP90Seconds: 168 });
  });

  it("counts valid webhook deliveries and the latency of pushed ones", async () => {
    const day = (await getInsights(7)).webhooks.find((d) => d.day === dayOf(today));
    expect(day).toEqual({ day: dayOf(today), received: 3, applied: 2, latencyP50Ms: 300, latencyP95Ms: 390 });
  });

  it("groups denials by rule, most first; allows and text without a rule code are told apart", async () => {
    expect((await getInsights(7)).denials).toEqual([
      { code: "amount_limit", count: 2 },
      { code: "address_denied", count: 1 },
      { code: "other", count: 1 },
    ]);
  });

  it("reads ?days= as one of the offered windows, anything else as 30", () => {
    expect(parseInsightsWindow("7")).toBe(7);
    expect(parseInsightsWindow("90")).toBe(90);
    for (const bad of ["8", "", undefined, "7; drop table", ["7", "30"]]) expect(parseInsightsWindow(bad)).toBe(30);
  });
});
