import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { sandboxRequest } from "../../tests/helpers/sandbox";
import { STORAGE_STATE } from "../fixtures";
import { bearer, coboTransactionsWithRequestId, fundedWallet, readyAppUser, sandbox, transferBody } from "../helpers/journey";
import { ACTIONS, actionData, callAction } from "../helpers/server-action";

// The risk rules run before a transfer is sent to Cobo, whether or not a callback is linked to our
// API key: over HTTP against the production build, a transfer to a deny-listed address and one
// over a limit are refused with a problem+json 403 naming the field, and nothing is stored or sent.
// /api/health reports a key without a callback (sandbox profile) as degraded, with the reason.

test.use({ storageState: STORAGE_STATE.admin });

test("transfers refused by the risk rules before submission: 403 risk_denied, nothing stored, nothing at Cobo", async ({ request }) => {
  test.setTimeout(240_000);
  const user = await readyAppUser(request, "risk-upfront");
  const { walletId, address } = await fundedWallet(request, user.token, "1");
  const denied = `tb1q${randomBytes(19).toString("hex")}`;
  const rule = actionData<{ id: string }>(
    await callAction(request, ACTIONS.createAddressRule, { kind: "deny", chainId: "XTN", address: denied, note: "e2e deny" }),
  );
  const limit = actionData<{ id: string }>(
    await callAction(request, ACTIONS.createRiskLimit, { scope: "wallet", tokenId: "XTN", maxAmount: "0.5", windowSeconds: 3600 }),
  );
  try {
    const list = async () =>
      ((await (await request.get("/api/v1/transactions?limit=50", { headers: bearer(user.token) })).json()) as { data: unknown[] }).data;
    const before = (await list()).length;

    const toDenied = await request.post(`/api/v1/wallets/${walletId}/transfers`, {
      headers: { ...user.auth, "idempotency-key": `deny-${Date.now()}` },
      data: { ...transferBody(address, "0.01"), to_address: denied },
    });
    expect(toDenied.status(), await toDenied.text()).toBe(403);
    expect(toDenied.headers()["content-type"]).toBe("application/problem+json");
    expect(await toDenied.json()).toMatchObject({
      type: "https://ucw-console.dev/problems/risk-denied",
      title: "Forbidden",
      status: 403,
      code: "risk_denied",
      detail: "Refused: transfers to this destination address are not allowed.",
      errors: [{ path: "body.to_address", message: "is on the deny list" }],
    });

    const overLimit = await request.post(`/api/v1/wallets/${walletId}/transfers`, {
      headers: { ...user.auth, "idempotency-key": `limit-${Date.now()}` },
      data: transferBody(address, "0.6"),
    });
    expect(overLimit.status(), await overLimit.text()).toBe(403);
    expect(await overLimit.json()).toMatchObject({
      code: "risk_denied",
      detail: "Refused by a withdrawal limit: wallet limit of 0.5 XTN per 3600 s: 0.6 including this withdrawal of 0.6.",
      errors: [{ path: "body.amount", message: "exceeds a withdrawal limit" }],
    });
    // Nothing stored for the app, nothing sent to Cobo.
    expect((await list()).length).toBe(before);
    const atCobo = await sandboxRequest<{ data: unknown[] }>(
      sandbox(),
      "GET",
      `/v2/transactions?wallet_ids=${walletId}&types=Withdrawal&limit=50`,
    );
    expect(atCobo.body.data).toEqual([]);

    // Within the rules: accepted and sent.
    const ok = await request.post(`/api/v1/wallets/${walletId}/transfers`, {
      headers: { ...user.auth, "idempotency-key": `ok-${Date.now()}` },
      data: transferBody(address, "0.01"),
    });
    expect(ok.status(), await ok.text()).toBe(201);
    const { transaction } = (await ok.json()) as { transaction: { request_id: string } };
    expect(await coboTransactionsWithRequestId(transaction.request_id)).toHaveLength(1);
  } finally {
    await callAction(request, ACTIONS.deleteAddressRule, { id: rule.id });
    await callAction(request, ACTIONS.deleteRiskLimit, { id: limit.id });
  }
});

test("/api/health is degraded while no callback is linked to the API key, with the reason", async ({ request }) => {
  expect((await sandboxRequest(sandbox(), "POST", "/_sandbox/profile", { callback_endpoint: "none" })).status).toBe(200);
  try {
    expect(actionData<{ status: string }>(await callAction(request, ACTIONS.checkCallbackLink, {}))).toMatchObject({
      status: "not_linked",
    });
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.status).toBe("degraded");
    expect(body.callback).toMatchObject({
      status: "not_linked",
      linkedUrl: null,
      expectedUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/api\/callbacks\/cobo$/),
      detail: expect.stringContaining("No risk-control callback is linked to our API key"),
    });
  } finally {
    await sandboxRequest(sandbox(), "DELETE", "/_sandbox/profile");
    await callAction(request, ACTIONS.checkCallbackLink, {});
  }
  const res = await request.get("/api/health");
  expect((await res.json()).callback).toMatchObject({ status: "linked" });
});
