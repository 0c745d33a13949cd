import "server-only";
import { z } from "zod";
import { TransactionSchema } from "@/lib/cobo/types";
import { findUnsafeInput } from "@/lib/safe-input";
import { DECIMAL_AMOUNT } from "@/lib/server/risk/money";

// The risk-control callback's body is Cobo's Transaction (docs/cobo.md#risk-control-callback). Cobo's schema is
// lenient (lib/cobo/types); here the fields a decision rests on are required, so a body without
// them is "malformed" and denied rather than half-checked. Only the transfer shape this backend
// creates is understood: one `account_output` (or the flat `address`/`amount` form); several
// UTXO outputs cannot be matched against one withdrawal record and are denied.

const id = z.string().trim().min(1).max(200);
const optText = z.string().nullish();

const OutputSchema = z.looseObject({
  address: z.string().trim().min(1).max(500),
  memo: optText,
  amount: z.string().regex(DECIMAL_AMOUNT, "must be a plain decimal string"),
});

/** Cobo's Transaction with the fields a decision rests on made required. */
export const CallbackTransactionSchema = TransactionSchema.extend({
  transaction_id: id,
  request_id: id,
  wallet_id: id,
  type: id,
  chain_id: id,
  token_id: id,
  source: z.looseObject({ source_type: optText, wallet_id: optText, address: optText }),
  destination: z.looseObject({
    destination_type: optText,
    account_output: OutputSchema.nullish(),
    utxo_outputs: z.array(z.unknown()).nullish(),
    address: optText,
    memo: optText,
    amount: z.union([z.string(), z.number()]).nullish(),
  }),
});

export type CallbackDestination =
  { kind: "single"; address: string; memo: string | null; amount: string } | { kind: "unsupported"; detail: string };

/** The callback's Transaction reduced to what the decision compares. */
export type CallbackWithdrawal = {
  transactionId: string;
  requestId: string;
  walletId: string;
  type: string;
  status: string;
  chainId: string;
  tokenId: string;
  sourceAddress: string | null;
  sourceWalletId: string | null;
  destination: CallbackDestination;
};

/** Ids a body names, kept with the decision even when the body is otherwise unusable. */
export type CallbackIds = { requestId: string | null; transactionId: string | null; walletId: string | null };

export type ParsedCallback = { ok: true; tx: CallbackWithdrawal } | { ok: false; detail: string; ids: CallbackIds };

function emptyToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === "" ? null : value;
}

function destinationOf(d: z.infer<typeof CallbackTransactionSchema>["destination"]): CallbackDestination {
  if (d.utxo_outputs && d.utxo_outputs.length > 0) {
    return { kind: "unsupported", detail: `${d.utxo_outputs.length} UTXO outputs; this backend only creates single-output transfers` };
  }
  if (d.account_output) {
    return { kind: "single", address: d.account_output.address, memo: emptyToNull(d.account_output.memo), amount: d.account_output.amount };
  }
  if (typeof d.address === "string" && d.address.trim() !== "" && typeof d.amount === "string" && DECIMAL_AMOUNT.test(d.amount)) {
    return { kind: "single", address: d.address.trim(), memo: emptyToNull(d.memo), amount: d.amount };
  }
  return {
    kind: "unsupported",
    detail: `destination${d.destination_type ? ` of type ${d.destination_type}` : ""} names no single address and decimal amount`,
  };
}

function idsOf(json: unknown): CallbackIds {
  const pick = (key: string): string | null => {
    if (json === null || typeof json !== "object" || Array.isArray(json)) return null;
    const v = (json as Record<string, unknown>)[key];
    return typeof v === "string" && v.length > 0 && v.length <= 200 ? v : null;
  };
  return { requestId: pick("request_id"), transactionId: pick("transaction_id"), walletId: pick("wallet_id") };
}

/** Parses the verified raw body; never throws (anything unusable is a reason to deny). */
export function parseCallbackPayload(rawBody: string): ParsedCallback {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { ok: false, detail: "the body is not valid JSON", ids: { requestId: null, transactionId: null, walletId: null } };
  }
  // Text the database cannot hold or compare (NUL, unpaired surrogates) or a hostile structure: no
  // id of such a body is trusted or recorded.
  const unsafe = findUnsafeInput(json);
  if (unsafe) {
    const where = unsafe.path.length > 0 && unsafe.path.length <= 100 ? unsafe.path : "the body";
    return {
      ok: false,
      detail: `not a Cobo Transaction: ${where} ${unsafe.message}`,
      ids: { requestId: null, transactionId: null, walletId: null },
    };
  }
  const parsed = CallbackTransactionSchema.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join(".") || "(body)"))].slice(0, 8);
    return { ok: false, detail: `not a Cobo Transaction: invalid or missing ${fields.join(", ")}`, ids: idsOf(json) };
  }
  const t = parsed.data;
  return {
    ok: true,
    tx: {
      transactionId: t.transaction_id,
      requestId: t.request_id,
      walletId: t.wallet_id,
      type: t.type,
      status: t.status,
      chainId: t.chain_id,
      tokenId: t.token_id,
      sourceAddress: emptyToNull(t.source.address),
      sourceWalletId: emptyToNull(t.source.wallet_id),
      destination: destinationOf(t.destination),
    },
  };
}
