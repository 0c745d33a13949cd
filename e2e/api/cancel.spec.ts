import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "../fixtures";
import { fundedWallet, newDevice, readyAppUser, registerNode, signUpUser, transferBody, waitForTss } from "../helpers/journey";

// A user stuck in onboarding (a Main Group key generation started for an unknown node, or for a
// phone reinstalled before approving) and pending transfers, over HTTP against the production
// build and the sandbox: refused up front, cancelled by the app or an admin, and unstuck.

type Timeline = { to_status: string; source: string; applied: boolean; note: string | null }[];
const hex = (n: number) => randomBytes(n).toString("hex");

test("a Main Group for an unregistered node is refused naming the field; a stuck key generation is cancelled by the app and a new one succeeds", async ({
  request,
}) => {
  const user = await signUpUser(request, "stuck");
  const mallory = await signUpUser(request, "mallory");
  const phone = await newDevice("stuck");
  await registerNode(request, user, phone.nodeId);
  expect((await request.post("/api/v1/vault", { headers: user.auth })).status()).toBe(201);

  const ghost = await request.post("/api/v1/vault/main-group", { headers: user.auth, data: { tss_node_id: `ghostNode${hex(4)}` } });
  expect(ghost.status()).toBe(422);
  expect(ghost.headers()["content-type"]).toBe("application/problem+json");
  expect(await ghost.json()).toMatchObject({
    code: "invalid_input",
    errors: [{ path: "body.tss_node_id", message: expect.stringContaining("POST /api/v1/tss-nodes") }],
  });
  expect(((await (await request.get("/api/v1/tss-requests", { headers: user.auth })).json()) as { data: unknown[] }).data).toEqual([]);

  // The app registered a node and started the Main Group on it, then was reinstalled: a new node.
  const stale = `staleNode${hex(4)}`;
  await registerNode(request, user, stale);
  const first = await request.post("/api/v1/vault/main-group", { headers: user.auth, data: { tss_node_id: stale } });
  expect(first.status()).toBe(201);
  const { tss_request_id: stuckId } = (await first.json()) as { tss_request_id: string };
  const blocked = await request.post("/api/v1/vault/main-group", { headers: user.auth, data: { tss_node_id: phone.nodeId } });
  expect(blocked.status()).toBe(409);
  expect(await blocked.json()).toMatchObject({ code: "conflict", detail: expect.stringContaining("/cancel") });

  expect((await request.post(`/api/v1/tss-requests/${stuckId}/cancel`, { headers: mallory.auth, data: {} })).status()).toBe(404);
  const cancelled = await request.post(`/api/v1/tss-requests/${stuckId}/cancel`, {
    headers: user.auth,
    data: { reason: "app reinstalled before approving" },
  });
  expect(cancelled.status(), await cancelled.text()).toBe(200);
  const body = (await cancelled.json()) as {
    status: string;
    cancelled_at: string | null;
    cancel_reason: string | null;
    timeline: Timeline;
  };
  expect(body).toMatchObject({
    status: "KeyHolderConfirmationFailed",
    cancel_reason: "app reinstalled before approving",
    cancelled_at: expect.any(String),
  });
  expect(body.timeline.slice(-2)).toEqual([
    expect.objectContaining({
      to_status: "Cancelled",
      source: "app",
      applied: false,
      note: expect.stringContaining("app reinstalled before approving"),
    }),
    expect.objectContaining({ to_status: "KeyHolderConfirmationFailed", applied: true }),
  ]);
  const again = await request.post(`/api/v1/tss-requests/${stuckId}/cancel`, { headers: user.auth, data: {} });
  expect(again.status()).toBe(409);
  expect(await again.json()).toMatchObject({ code: "conflict", detail: expect.stringContaining("already ended") });

  // Unstuck: the Main Group starts on the phone, which approves it.
  const second = await request.post("/api/v1/vault/main-group", { headers: user.auth, data: { tss_node_id: phone.nodeId } });
  expect(second.status(), await second.text()).toBe(201);
  const { tss_request_id: goodId } = (await second.json()) as { tss_request_id: string };
  expect(goodId).not.toBe(stuckId);
  await expect.poll(async () => (await phone.pendingTss()).some((r) => r.tss_request_id === goodId), { timeout: 30_000 }).toBe(true);
  await phone.approveTss([goodId]);
  await waitForTss(request, user, goodId, (s) => s === "Success");
});

test("a pending transfer is cancelled by the app at Cobo (Rejected / CanceledByAPI); a cancelled, deposit or foreign one is refused", async ({
  request,
}) => {
  const user = await readyAppUser(request, "canceller");
  const mallory = await signUpUser(request, "mallory-tx");
  const wallet = await fundedWallet(request, user.token);
  const res = await request.post(`/api/v1/wallets/${wallet.walletId}/transfers`, {
    headers: { ...user.auth, "idempotency-key": `cancel-${hex(4)}` },
    data: transferBody(wallet.address, "0.2"),
  });
  expect(res.status(), await res.text()).toBe(201);
  const { transaction } = (await res.json()) as { transaction: { cobo_transaction_id: string } };
  const coboId = transaction.cobo_transaction_id;
  // The phone is asked to sign it: pending, not yet signed.
  await expect
    .poll(async () => (await user.device.pendingTransactions()).some((t) => t.transaction_id === coboId), { timeout: 30_000 })
    .toBe(true);

  expect((await request.post(`/api/v1/transactions/${coboId}/cancel`, { headers: mallory.auth, data: {} })).status()).toBe(404);
  const cancelled = await request.post(`/api/v1/transactions/${coboId}/cancel`, { headers: user.auth, data: {} });
  expect(cancelled.status(), await cancelled.text()).toBe(200);
  const tx = (await cancelled.json()) as {
    status: string;
    sub_status: string;
    cancelled_at: string | null;
    cancel_reason: string | null;
    timeline: Timeline;
  };
  expect(tx).toMatchObject({ status: "Rejected", sub_status: "CanceledByAPI", cancelled_at: expect.any(String), cancel_reason: null });
  expect(tx.timeline.some((e) => e.to_status === "Cancelled" && e.source === "app" && !e.applied)).toBe(true);
  expect((await user.device.transactions([coboId]))[0]?.status).toBe(180); // the SDK's "canceled"
  expect(await user.device.pendingTransactions()).toEqual([]);
  await expect
    .poll(async () => {
      const b = (await (await request.get(`/api/v1/wallets/${wallet.walletId}/balances`, { headers: user.auth })).json()) as {
        data: { balance: { available: string } }[];
      };
      return b.data[0]?.balance.available;
    })
    .toBe("1");

  const again = await request.post(`/api/v1/transactions/${coboId}/cancel`, { headers: user.auth, data: {} });
  expect(again.status()).toBe(409);
  expect(await again.json()).toMatchObject({ code: "conflict", detail: expect.stringContaining("Rejected") });
  // The deposit's row comes from Cobo's webhook, which may land after the balance was seen.
  let depositId: string | undefined;
  await expect(async () => {
    const deposits = (await (await request.get("/api/v1/transactions?type=Deposit", { headers: user.auth })).json()) as {
      data: { id: string }[];
    };
    depositId = deposits.data[0]?.id;
    expect(depositId).toBeDefined();
  }).toPass({ timeout: 30_000 });
  const deposit = await request.post(`/api/v1/transactions/${depositId}/cancel`, { headers: user.auth, data: {} });
  expect(deposit.status()).toBe(409);

  const doc = (await (await request.get("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
  expect(doc.paths["/api/v1/tss-requests/{tss_request_id}/cancel"]).toHaveProperty("post");
  expect(doc.paths["/api/v1/transactions/{transaction_id}/cancel"]).toHaveProperty("post");
});

test.describe("as admin", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("an admin cancels a user's stuck key generation from the user page with a reason; it is audited and the app can start again", async ({
    page,
    request,
  }) => {
    const user = await signUpUser(request, "admin-unstick");
    const stale = `staleNode${hex(4)}`;
    await registerNode(request, user, stale);
    expect((await request.post("/api/v1/vault", { headers: user.auth })).status()).toBe(201);
    const first = await request.post("/api/v1/vault/main-group", { headers: user.auth, data: { tss_node_id: stale } });
    expect(first.status()).toBe(201);
    const { tss_request_id } = (await first.json()) as { tss_request_id: string };
    const phone = await newDevice("admin-unstick");
    await registerNode(request, user, phone.nodeId);
    expect((await request.post("/api/v1/vault/main-group", { headers: user.auth, data: { tss_node_id: phone.nodeId } })).status()).toBe(
      409,
    );

    await page.goto(`/users/${user.id}`);
    const form = page.getByRole("form", { name: "Cancel pending key generation" });
    await form.getByLabel("Reason for cancelling").fill("support ticket 1234: phone replaced");
    await form.getByRole("button", { name: "Cancel pending key generation" }).click();
    await expect(page.getByRole("form", { name: "Cancel pending key generation" })).toHaveCount(0);

    const detail = (await (await request.get(`/api/v1/tss-requests/${tss_request_id}`, { headers: user.auth })).json()) as {
      status: string;
      cancel_reason: string;
    };
    expect(detail).toMatchObject({ status: "KeyHolderConfirmationFailed", cancel_reason: "support ticket 1234: phone replaced" });
    expect((await request.post("/api/v1/vault/main-group", { headers: user.auth, data: { tss_node_id: phone.nodeId } })).status()).toBe(
      201,
    );

    await page.goto("/audit-log");
    const row = page.getByRole("row").filter({ hasText: "tss_request.cancel" }).first();
    await expect(row).toContainText("support ticket 1234: phone replaced");
  });
});
