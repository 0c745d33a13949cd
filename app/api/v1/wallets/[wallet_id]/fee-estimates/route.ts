import { presentFeeEstimate } from "@/lib/api/v1/transactions.presenter";
import { transactionsApi } from "@/lib/api/v1/transactions.schema";
import { route } from "@/lib/http/route";
import { estimateTransferFee } from "@/lib/server/transactions/estimate-transfer-fee";

/** POST: Cobo's fee levels for a transfer from one of the wallet's addresses. */
export const POST = route(transactionsApi.estimateFee).handle(async ({ appUser, params, body }) => ({
  status: 200,
  body: presentFeeEstimate(await estimateTransferFee(appUser.userId, params.wallet_id, body), body.fee_level),
}));
