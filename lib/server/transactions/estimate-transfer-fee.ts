import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import type { FeeType } from "@/lib/cobo/transactions";
import type { EstimatedFee } from "@/lib/cobo/types";
import { resolveTransferInputs } from "@/lib/server/transactions/transfer-inputs";

// The guide's "Estimate transaction fee": Cobo's slow / recommended / fast levels for a transfer
// from one of the caller's addresses. Passed through as Cobo returns them (decimal strings), so
// the app can hand the chosen level back as the transfer's fee.

type FeeLevelView = Partial<Record<(typeof LEVEL_FIELDS)[number], string>>;

export type FeeEstimateView = {
  fee_type: string;
  token_id: string | null;
  slow?: FeeLevelView;
  recommended?: FeeLevelView;
  fast?: FeeLevelView;
  fee_amount?: string;
  is_loop?: boolean;
};

const LEVEL_FIELDS = ["max_fee_per_gas", "max_priority_fee_per_gas", "gas_limit", "gas_price", "fee_rate", "fee_amount"] as const;

/** Estimates the fee of a transfer from the caller's wallet. */
export async function estimateTransferFee(
  userId: string,
  coboWalletId: string,
  input: { token_id: string; from_address: string; to_address: string; amount: string; fee_type?: FeeType },
): Promise<FeeEstimateView> {
  const { fromAddress } = await resolveTransferInputs(userId, coboWalletId, input);
  const fee = await getCoboGateway().estimateTransferFee({
    source: { source_type: "User-Controlled", wallet_id: coboWalletId, address: fromAddress.address },
    token_id: input.token_id,
    destination: { destination_type: "Address", account_output: { address: input.to_address, amount: input.amount } },
    ...(input.fee_type ? { fee_type: input.fee_type } : {}),
  });
  return feeEstimateView(fee);
}

function level(l: EstimatedFee["slow"]): FeeLevelView | undefined {
  if (!l) return undefined;
  const out: FeeLevelView = {};
  for (const field of LEVEL_FIELDS) {
    const v = l[field];
    if (typeof v === "string") out[field] = v;
  }
  return out;
}

function feeEstimateView(fee: EstimatedFee): FeeEstimateView {
  const slow = level(fee.slow);
  const recommended = level(fee.recommended);
  const fast = level(fee.fast);
  return {
    fee_type: fee.fee_type,
    token_id: fee.token_id ?? null,
    ...(slow ? { slow } : {}),
    ...(recommended ? { recommended } : {}),
    ...(fast ? { fast } : {}),
    ...(typeof fee.fee_amount === "string" ? { fee_amount: fee.fee_amount } : {}),
    ...(typeof fee.is_loop === "boolean" ? { is_loop: fee.is_loop } : {}),
  };
}
