import { describe, expect, it } from "vitest";
import { presentFeeEstimate } from "@/lib/api/v1/transactions.presenter";
import { FeeEstimateBody, TransferBody, TransferFee } from "@/lib/api/v1/transactions.schema";

// Cobo's six fee models (TransactionRequestFee) as the Client API validates them, fee_level, and
// an estimate level turned into a transfer fee.

const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  r.success ? [] : (r.error?.issues ?? []).map((i) => i.path.join("."));

describe("TransferFee", () => {
  it("accepts every Cobo fee model with its documented fields", () => {
    const fees = [
      {
        fee_type: "EVM_EIP_1559",
        token_id: "ETH",
        max_fee_per_gas: "9000000000000",
        max_priority_fee_per_gas: "1000000000000",
        gas_limit: "21000",
      },
      { fee_type: "EVM_Legacy", token_id: "ETH", gas_price: "100000000" },
      { fee_type: "UTXO", token_id: "BTC", fee_rate: "12.5", max_fee_amount: "0.001" },
      { fee_type: "Fixed", token_id: "TRON", max_fee_amount: "0.1" },
      { fee_type: "SOL", token_id: "SOL", compute_unit_price: "0.0001", compute_unit_limit: "200000" },
      { fee_type: "FIL", token_id: "FIL", gas_fee_cap: "522768", gas_premium: "522508", gas_limit: "500" },
    ];
    for (const fee of fees) expect(TransferFee.safeParse(fee).success, fee.fee_type).toBe(true);
  });

  it("wants whole wei, gas and compute units, and a tip within the cap", () => {
    expect(paths(TransferFee.safeParse({ fee_type: "EVM_Legacy", token_id: "ETH", gas_price: "1.5" }))).toEqual(["gas_price"]);
    expect(paths(TransferFee.safeParse({ fee_type: "EVM_Legacy", token_id: "ETH", gas_price: "1", gas_limit: "0" }))).toEqual([
      "gas_limit",
    ]);
    expect(
      paths(TransferFee.safeParse({ fee_type: "EVM_EIP_1559", token_id: "ETH", max_fee_per_gas: "2.0", max_priority_fee_per_gas: "1" })),
    ).toEqual(["max_fee_per_gas"]);
    expect(
      paths(TransferFee.safeParse({ fee_type: "EVM_EIP_1559", token_id: "ETH", max_fee_per_gas: "10", max_priority_fee_per_gas: "11" })),
    ).toEqual(["max_priority_fee_per_gas"]);
    expect(paths(TransferFee.safeParse({ fee_type: "SOL", token_id: "SOL", compute_unit_price: "1", compute_unit_limit: "1e5" }))).toEqual([
      "compute_unit_limit",
    ]);
    expect(paths(TransferFee.safeParse({ fee_type: "FIL", token_id: "FIL", gas_fee_cap: "1", gas_premium: "-1" }))).toEqual([
      "gas_premium",
    ]);
    expect(paths(TransferFee.safeParse({ fee_type: "SOL", token_id: "SOL", compute_unit_price: "1" }))).toEqual(["compute_unit_limit"]);
    expect(paths(TransferFee.safeParse({ fee_type: "Cheap", token_id: "X" }))).toEqual(["fee_type"]);
  });
});

describe("fee_level", () => {
  const base = { token_id: "ETH", from_address: "0xa", to_address: "0xb", amount: "1" };
  it("takes exactly one of fee and fee_level on a transfer", () => {
    expect(TransferBody.safeParse({ ...base, fee_level: "Recommended" }).success).toBe(true);
    expect(paths(TransferBody.safeParse({ ...base, fee_level: "Fast", fee: { fee_type: "Fixed", token_id: "ETH" } }))).toEqual([
      "fee_level",
    ]);
    expect(paths(TransferBody.safeParse(base))).toEqual(["fee"]);
    expect(paths(TransferBody.safeParse({ ...base, fee_level: "fast" }))).toEqual(["fee_level"]);
  });

  it("is optional on an estimate and must be one of Cobo's levels", () => {
    expect(FeeEstimateBody.safeParse({ ...base, fee_level: "Slow", fee_type: "SOL" }).success).toBe(true);
    expect(paths(FeeEstimateBody.safeParse({ ...base, fee_level: "Cheapest" }))).toEqual(["fee_level"]);
  });
});

describe("presentFeeEstimate with a level", () => {
  it("turns the level into the transfer fee of its model", () => {
    const sol = {
      fee_type: "SOL",
      token_id: "SOLDEV_SOL",
      slow: { compute_unit_price: "0", compute_unit_limit: "200000", base_fee: "0.000005" },
      recommended: { compute_unit_price: "1000", compute_unit_limit: "200000", base_fee: "0.000005" },
    };
    expect(presentFeeEstimate(sol, "Recommended")).toMatchObject({
      fee_level: "Recommended",
      recommended: { compute_unit_price: "1000", base_fee: "0.000005" },
      fee: { fee_type: "SOL", token_id: "SOLDEV_SOL", compute_unit_price: "1000", compute_unit_limit: "200000" },
    });
    // Cobo gave no fast level: nothing to hand back
    expect(presentFeeEstimate(sol, "Fast").fee).toBeNull();
    const eip = {
      fee_type: "EVM_EIP_1559",
      token_id: "SETH",
      fast: { max_fee_per_gas: "3000000000", max_priority_fee_per_gas: "2000000000", gas_limit: "21000", reserved_fee: "1" },
    };
    expect(presentFeeEstimate(eip, "Fast").fee).toEqual({
      fee_type: "EVM_EIP_1559",
      token_id: "SETH",
      max_fee_per_gas: "3000000000",
      max_priority_fee_per_gas: "2000000000",
      gas_limit: "21000",
    });
    expect(presentFeeEstimate({ fee_type: "Fixed", token_id: "TRON", fee_amount: "1.1" }, "Slow").fee).toEqual({
      fee_type: "Fixed",
      token_id: "TRON",
    });
    // without a level, the answer is the estimate alone
    expect(presentFeeEstimate(eip)).not.toHaveProperty("fee");
  });
});
