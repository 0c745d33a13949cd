import { describe, expect, it } from "vitest";
import {
  KeyShareHolderGroupSchema,
  pageSchema,
  TransactionSchema,
  TSSRequestSchema,
  WebhookEventSchema,
  CallbackMessageSchema,
  EstimatedFeeSchema,
} from "@/lib/cobo/types";

describe("Cobo response schemas", () => {
  it("keep fields Cobo adds and accept enum values newer than the SDK", () => {
    const tx = TransactionSchema.parse({
      transaction_id: "t1",
      wallet_id: "w1",
      status: "Completed",
      sub_status: "PendingSignerApproval", // not in npm 1.8.0's enum
      initiator_type: "API",
      brand_new_field: { x: 1 },
    });
    expect(tx.sub_status).toBe("PendingSignerApproval");
    expect(tx.brand_new_field).toEqual({ x: 1 });
  });

  it("accept nulls where real Cobo sends them", () => {
    const tx = TransactionSchema.parse({
      transaction_id: "t1",
      status: "Submitted",
      sub_status: null,
      transaction_hash: null,
      block_info: null,
    });
    expect(tx.sub_status).toBeNull();
    const r = TSSRequestSchema.parse({ tss_request_id: "r1", status: "PendingKeyHolderConfirmation", source_key_share_holder_group: null });
    expect(r.source_key_share_holder_group).toBeNull();
  });

  it("reject answers missing what domain code relies on", () => {
    expect(TransactionSchema.safeParse({ status: "Submitted" }).success).toBe(false);
    expect(TSSRequestSchema.safeParse({ tss_request_id: "r1" }).success).toBe(false);
    expect(KeyShareHolderGroupSchema.safeParse({ status: "New" }).success).toBe(false);
    expect(pageSchema(TransactionSchema).safeParse({ pagination: {} }).success).toBe(false);
  });

  it("parse a webhook event of an unknown type as data", () => {
    const e = WebhookEventSchema.parse({
      event_id: "e1",
      url: "https://x",
      created_timestamp: 1,
      type: "payment.order.created",
      data: { data_type: "PaymentOrder", order_id: "o1" },
    });
    expect(e.data.order_id).toBe("o1");
  });

  it("parse callback messages carrying a Transaction, and every fee_type", () => {
    expect(
      CallbackMessageSchema.parse({ id: "m1", data: { transaction_id: "t1", status: "Submitted" }, result: "ok" }).data?.transaction_id,
    ).toBe("t1");
    expect(EstimatedFeeSchema.parse({ fee_type: "Fixed", token_id: "TRON", fee_amount: "1.2", is_loop: false }).fee_amount).toBe("1.2");
    expect(
      EstimatedFeeSchema.parse({ fee_type: "UTXO", recommended: { fee_rate: "12", fee_amount: "0.0001" } }).recommended?.fee_rate,
    ).toBe("12");
  });
});
