import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import type { FeeType } from "@/lib/cobo/transactions";
import type { EstimatedFee } from "@/lib/cobo/types";
import { resolveTransferInputs } from "@/lib/server/transactions/transfer-inputs";

// The guide's "Estimate transaction fee": Cobo's slow / recommended / fast levels for a transfer
// from one of the caller's addresses. Passed through as Cobo returns them (decimal strings), so
// the app can hand the chosen level back as the transfer's fee.

/** Estimates the fee of a transfer from the caller's wallet. */
export async function estimateTransferFee(
  userId: string,
  coboWalletId: string,
  input: { token_id: string; from_address: string; to_address: string; amount: string; fee_type?: FeeType },
): Promise<EstimatedFee> {
  const { fromAddress } = await resolveTransferInputs(userId, coboWalletId, input);
  return getCoboGateway().estimateTransferFee({
    source: { source_type: "User-Controlled", wallet_id: coboWalletId, address: fromAddress.address },
    token_id: input.token_id,
    destination: { destination_type: "Address", account_output: { address: input.to_address, amount: input.amount } },
    ...(input.fee_type ? { fee_type: input.fee_type } : {}),
  });
}
