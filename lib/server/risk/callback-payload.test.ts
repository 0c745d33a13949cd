import { describe, expect, it } from "vitest";
import { parseCallbackPayload } from "@/lib/server/risk/callback-payload";

const base = {
  transaction_id: "tx-1",
  request_id: "req-1",
  wallet_id: "w-1",
  type: "Withdrawal",
  status: "PendingAuthorization",
  chain_id: "SETH",
  token_id: "SETH",
  source: { source_type: "User-Controlled", wallet_id: "w-1", address: "0xabc" },
  destination: { destination_type: "Address", account_output: { address: "0xdef", amount: "1.5" } },
};

describe("parseCallbackPayload", () => {
  it("reduces Cobo's transaction to what the decision compares, keeping amounts as text", () => {
    const parsed = parseCallbackPayload(JSON.stringify({ ...base, unknown_field: { x: 1 } }));
    expect(parsed).toEqual({
      ok: true,
      tx: {
        transactionId: "tx-1",
        requestId: "req-1",
        walletId: "w-1",
        type: "Withdrawal",
        status: "PendingAuthorization",
        chainId: "SETH",
        tokenId: "SETH",
        sourceAddress: "0xabc",
        sourceWalletId: "w-1",
        destination: { kind: "single", address: "0xdef", memo: null, amount: "1.5" },
      },
    });
  });

  it("accepts the flat destination form and keeps a memo", () => {
    const parsed = parseCallbackPayload(JSON.stringify({ ...base, destination: { address: "r9", amount: "10", memo: "42" } }));
    expect(parsed.ok && parsed.tx.destination).toEqual({ kind: "single", address: "r9", memo: "42", amount: "10" });
  });

  it("marks several UTXO outputs and amount-less destinations as unsupported", () => {
    const utxo = parseCallbackPayload(
      JSON.stringify({
        ...base,
        destination: {
          utxo_outputs: [
            { address: "a", amount: "1" },
            { address: "b", amount: "2" },
          ],
        },
      }),
    );
    expect(utxo.ok && utxo.tx.destination.kind).toBe("unsupported");
    const none = parseCallbackPayload(JSON.stringify({ ...base, destination: { destination_type: "EVM_Contract", address: "0x1" } }));
    expect(none.ok && none.tx.destination.kind).toBe("unsupported");
  });

  it("refuses invalid JSON, truncated JSON and non-objects", () => {
    expect(parseCallbackPayload("not json")).toMatchObject({ ok: false, detail: "the body is not valid JSON" });
    expect(parseCallbackPayload(JSON.stringify(base).slice(0, 40))).toMatchObject({ ok: false });
    expect(parseCallbackPayload("[1,2]")).toMatchObject({ ok: false, ids: { requestId: null } });
  });

  it("refuses a transaction missing the fields a decision rests on, naming them and keeping its ids", () => {
    const { token_id: _t, ...noToken } = base;
    const parsed = parseCallbackPayload(JSON.stringify({ ...noToken, destination: { account_output: { address: "0xdef", amount: 1.5 } } }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.detail).toContain("token_id");
    expect(parsed.detail).toContain("destination.account_output.amount");
    expect(parsed.ids).toEqual({ requestId: "req-1", transactionId: "tx-1", walletId: "w-1" });
  });

  it("refuses amounts that are not plain decimals (exponents, signs)", () => {
    for (const amount of ["1e3", "-1", "+1", "0x10", "1.", ".5", " 1"]) {
      const parsed = parseCallbackPayload(JSON.stringify({ ...base, destination: { account_output: { address: "0xdef", amount } } }));
      expect(parsed.ok, amount).toBe(false);
    }
  });
});
