import { describe, expect, it } from "vitest";
import { isCoboError } from "@/lib/cobo/errors";
import { coboError, fakeGateway, type FakeAnswer, type FakeRequest } from "@/lib/cobo/fake-sdk.testkit";
import type { CreateTransferParams } from "@/lib/cobo/transactions";

const TRANSFER: CreateTransferParams = {
  request_id: "req-1",
  source: { source_type: "User-Controlled", wallet_id: "w1", address: "0xfrom" },
  token_id: "ETH",
  destination: { destination_type: "Address", account_output: { address: "0xto", amount: "0.5" } },
};
const EXISTING = { transaction_id: "tx-1", request_id: "req-1", wallet_id: "w1", status: "PendingSignature", initiator_type: "API" };

/** A Cobo that already holds `existing` and refuses the request_id with `dupCode`; `before` answers come first. */
function coboWithExisting(existing: object[], dupCode = 30001, before: FakeAnswer[] = []) {
  return (req: FakeRequest, i: number): FakeAnswer => {
    if (req.path === "/transactions/transfer")
      return before[i] ?? coboError(400, dupCode, { message: "Duplicate request_id: req-1 has already been used" });
    if (req.path === "/transactions" && req.method === "GET")
      return { status: 200, body: { data: existing, pagination: { total_count: existing.length } } };
    return { status: 404, body: {} };
  };
}

describe("createTransfer", () => {
  it("submits once and reports a fresh transfer", async () => {
    const { client, gateway } = fakeGateway(() => ({
      status: 201,
      body: { request_id: "req-1", transaction_id: "tx-9", status: "Submitted" },
    }));
    await expect(gateway.createTransfer(TRANSFER)).resolves.toEqual({
      transaction_id: "tx-9",
      request_id: "req-1",
      status: "Submitted",
      resolvedExisting: false,
    });
    expect(client.requests).toEqual([expect.objectContaining({ method: "POST", path: "/transactions/transfer", body: TRANSFER })]);
  });

  it.each([30001, 12009])("resolves Cobo's duplicate request_id answer (%i) to the existing transfer", async (code) => {
    const { client, gateway } = fakeGateway(coboWithExisting([EXISTING], code));
    await expect(gateway.createTransfer(TRANSFER)).resolves.toEqual({
      transaction_id: "tx-1",
      request_id: "req-1",
      status: "PendingSignature",
      resolvedExisting: true,
    });
    expect(client.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ["POST", "/transactions/transfer", {}],
      ["GET", "/transactions", { request_id: "req-1", limit: 50 }],
    ]);
  });

  it("after a timeout, retries with the same request_id and resolves the duplicate: one transfer, never two", async () => {
    const { client, gateway } = fakeGateway(coboWithExisting([EXISTING], 30001, [{ timeout: true }]));
    await expect(gateway.createTransfer(TRANSFER)).resolves.toMatchObject({ transaction_id: "tx-1", resolvedExisting: true });
    const posts = client.requests.filter((r) => r.method === "POST");
    expect(posts).toHaveLength(2);
    expect(posts.map((p) => (p.body as CreateTransferParams).request_id)).toEqual(["req-1", "req-1"]);
  });

  it("keeps the rejection when the request_id belongs to another wallet's transfer", async () => {
    const { gateway } = fakeGateway(coboWithExisting([{ ...EXISTING, wallet_id: "someone-else" }]));
    await expect(gateway.createTransfer(TRANSFER)).rejects.toMatchObject({ code: "cobo_error", coboErrorCode: 30001 });
  });

  it("keeps the rejection when Cobo lists no transaction with that request_id (exact match only)", async () => {
    const { gateway } = fakeGateway(coboWithExisting([{ ...EXISTING, request_id: "req-10" }]));
    const err = await gateway.createTransfer(TRANSFER).catch((e: unknown) => e);
    expect(isCoboError(err)).toBe(true);
    expect(err).toMatchObject({ coboErrorCode: 30001, code: "cobo_error", message: "Cobo refused the request (Cobo error 30001)." });
  });

  it("does not resolve other rejections (e.g. insufficient balance)", async () => {
    const { client, gateway } = fakeGateway(() => coboError(400, 30012));
    await expect(gateway.createTransfer(TRANSFER)).rejects.toMatchObject({
      coboErrorCode: 30012,
      code: "invalid_input",
      status: 422,
      options: { issues: [{ path: "body.amount", message: "the amount exceeds the wallet's available balance" }] },
    });
    expect(client.requests).toHaveLength(1);
  });
});

describe("getTransactionByRequestId", () => {
  it("returns the exact match or null", async () => {
    const { gateway } = fakeGateway(coboWithExisting([EXISTING]));
    await expect(gateway.getTransactionByRequestId("req-1")).resolves.toMatchObject({ transaction_id: "tx-1" });
    await expect(gateway.getTransactionByRequestId("req-2")).resolves.toBeNull();
  });
});

describe("estimateTransferFee", () => {
  it("sends request_type Transfer and keeps fee levels as decimal strings", async () => {
    const fee = {
      fee_type: "EVM_EIP_1559",
      token_id: "ETH",
      recommended: { max_fee_per_gas: "30000000000", max_priority_fee_per_gas: "1", gas_limit: "21000" },
    };
    const { client, gateway } = fakeGateway(() => ({ status: 201, body: fee }));
    const r = await gateway.estimateTransferFee({
      source: TRANSFER.source,
      token_id: "ETH",
      destination: TRANSFER.destination,
      fee_type: "EVM_EIP_1559",
    });
    expect(r.recommended?.max_fee_per_gas).toBe("30000000000");
    expect(client.requests[0]?.body).toMatchObject({ request_type: "Transfer", token_id: "ETH" });
  });
});
