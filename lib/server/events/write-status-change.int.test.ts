import { beforeAll, describe, expect, it } from "vitest";
import {
  CANCELLATION_MARK,
  inStatusTransaction,
  recordCancellation,
  recordCancellationRefused,
  writeStatusChange,
} from "@/lib/server/events/write-status-change";
import { setupTestDatabase } from "../../../tests/helpers/db";

// The one writer of status changes against a real database: the guarded row update, the timeline
// entry and the user's notice land together or not at all, and a change decided on a stale read
// is rolled back and decided again.

const t = setupTestDatabase();

let userId: string;
let txRowId: string;
let tssRowId: string;

beforeAll(async () => {
  const db = t.current.db;
  const user = await db.user.create({ data: { email: "writer@example.com" } });
  userId = user.id;
  const vault = await db.vault.create({ data: { userId, coboVaultId: "v-writer", name: "v", coboProjectId: "p" } });
  const group = await db.keyShareHolderGroup.create({ data: { vaultId: vault.id, groupType: "MainGroup", threshold: 2, participants: 2 } });
  const tss = await db.tssRequest.create({
    data: {
      coboTssRequestId: "tss-writer",
      vaultId: vault.id,
      type: "KeyGen",
      status: "PendingKeyHolderConfirmation",
      targetGroupId: group.id,
    },
  });
  tssRowId = tss.id;
  const wallet = await db.wallet.create({ data: { vaultId: vault.id, coboWalletId: "w-writer", name: "w" } });
  const tx = await db.transaction.create({
    data: {
      requestId: "req-writer",
      coboTransactionId: "cobo-tx-writer",
      walletId: wallet.id,
      type: "Withdrawal",
      chainId: "ETH",
      tokenId: "ETH",
      amount: "1",
      status: "Submitted",
    },
  });
  txRowId = tx.id;
});

const events = () => t.current.db.appUserEvent.findMany({ where: { userId }, orderBy: { id: "asc" } });

describe("writeStatusChange", () => {
  it("writes the row, the timeline entry (with the sub-status) and the user's notice together", async () => {
    const before = (await events()).length;
    await inStatusTransaction("transaction writer", (tx) =>
      writeStatusChange(tx, {
        subject: "transaction",
        rowId: txRowId,
        update: { expect: { status: "Submitted" }, data: { status: "PendingSignature", subStatus: "PendingWaitSigner" } },
        timeline: {
          fromStatus: "Submitted",
          toStatus: "PendingSignature",
          subStatus: "PendingWaitSigner",
          source: "poll",
          applied: true,
          note: null,
        },
        notice: { userId, subjectId: "cobo-tx-writer", status: "PendingSignature", subStatus: "PendingWaitSigner" },
      }),
    );
    const row = await t.current.db.transaction.findUniqueOrThrow({ where: { id: txRowId } });
    expect([row.status, row.subStatus]).toEqual(["PendingSignature", "PendingWaitSigner"]);
    const history = await t.current.db.transactionStatusChange.findMany({ where: { transactionId: txRowId } });
    expect(history).toEqual([
      expect.objectContaining({ fromStatus: "Submitted", toStatus: "PendingSignature", subStatus: "PendingWaitSigner", applied: true }),
    ]);
    const notices = (await events()).slice(before);
    expect(notices).toEqual([
      expect.objectContaining({
        subjectType: "transaction",
        subjectId: "cobo-tx-writer",
        status: "PendingSignature",
        subStatus: "PendingWaitSigner",
      }),
    ]);
  });

  it("a change decided on a stale read is rolled back with everything written before it, and decided again", async () => {
    const before = (await events()).length;
    let attempts = 0;
    const result = await inStatusTransaction("tss writer", async (tx) => {
      attempts++;
      const read = await tx.tssRequest.findUniqueOrThrow({ where: { id: tssRowId }, select: { status: true } });
      // Another applier moves the request between our read and our write (first attempt only).
      if (attempts === 1) await tx.tssRequest.update({ where: { id: tssRowId }, data: { status: "MPCProcessing" } });
      await writeStatusChange(tx, {
        subject: "tss_request",
        rowId: tssRowId,
        update: { expect: { status: read.status }, data: { status: "KeyGenerating" } },
        timeline: { fromStatus: read.status, toStatus: "KeyGenerating", source: "webhook", applied: true, note: null },
        notice: { userId, subjectId: "tss-writer", status: "KeyGenerating" },
      });
      return read.status;
    });
    expect(attempts).toBe(2);
    // The interfering write went with the rolled-back attempt: the second one read the original status.
    expect(result).toBe("PendingKeyHolderConfirmation");
    const row = await t.current.db.tssRequest.findUniqueOrThrow({ where: { id: tssRowId } });
    expect(row.status).toBe("KeyGenerating");
    const history = await t.current.db.tssRequestStatusChange.findMany({ where: { tssRequestId: tssRowId } });
    expect(history.map((h) => [h.fromStatus, h.toStatus])).toEqual([["PendingKeyHolderConfirmation", "KeyGenerating"]]);
    expect((await events()).slice(before).map((e) => [e.subjectType, e.status])).toEqual([["tss_request", "KeyGenerating"]]);
  });

  it("gives up after five stale attempts, having written nothing", async () => {
    const before = await t.current.db.tssRequestStatusChange.count({ where: { tssRequestId: tssRowId } });
    let attempts = 0;
    await expect(
      inStatusTransaction("TSS request tss-writer", async (tx) => {
        attempts++;
        await writeStatusChange(tx, {
          subject: "tss_request",
          rowId: tssRowId,
          update: { expect: { status: "NotWhatItIs" }, data: { status: "Success" } },
          timeline: { fromStatus: "NotWhatItIs", toStatus: "Success", source: "poll", applied: true, note: null },
        });
      }),
    ).rejects.toThrow("TSS request tss-writer kept changing under us");
    expect(attempts).toBe(5);
    expect(await t.current.db.tssRequestStatusChange.count({ where: { tssRequestId: tssRowId } })).toBe(before);
    expect((await t.current.db.tssRequest.findUniqueOrThrow({ where: { id: tssRowId } })).status).toBe("KeyGenerating");
  });
});

describe("cancellations", () => {
  it("records who cancelled and why on the row, and the mark (not applied) on the timeline; no notice", async () => {
    const before = (await events()).length;
    await recordCancellation("transaction", txRowId, "PendingSignature", {
      by: "console:admin-1",
      source: "admin",
      reason: "wrong address",
    });
    const row = await t.current.db.transaction.findUniqueOrThrow({ where: { id: txRowId } });
    expect([row.status, row.cancelledBy, row.cancelReason, row.cancelledAt instanceof Date]).toEqual([
      "PendingSignature",
      "console:admin-1",
      "wrong address",
      true,
    ]);
    const last = await t.current.db.transactionStatusChange.findFirstOrThrow({
      where: { transactionId: txRowId },
      orderBy: { seq: "desc" },
    });
    expect(last).toMatchObject({
      fromStatus: "PendingSignature",
      toStatus: CANCELLATION_MARK,
      source: "admin",
      applied: false,
      note: "cancelled at Cobo by an admin (console:admin-1): wrong address",
    });
    expect((await events()).length).toBe(before);
  });

  it("records a refused cancellation on the timeline only", async () => {
    await recordCancellationRefused("tss_request", tssRowId, "KeyGenerating", { by: "user:u1", source: "app", reason: null }, "too late");
    const last = await t.current.db.tssRequestStatusChange.findFirstOrThrow({
      where: { tssRequestId: tssRowId },
      orderBy: { seq: "desc" },
    });
    expect(last).toMatchObject({
      fromStatus: "KeyGenerating",
      toStatus: "KeyGenerating",
      source: "app",
      applied: false,
      note: "cancellation by user:u1 refused by Cobo (too late)",
    });
    const row = await t.current.db.tssRequest.findUniqueOrThrow({ where: { id: tssRowId } });
    expect([row.status, row.cancelledAt]).toEqual(["KeyGenerating", null]);
  });
});
