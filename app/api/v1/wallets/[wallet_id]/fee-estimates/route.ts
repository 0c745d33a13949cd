import { FeeEstimateBody, FeeEstimateSchema } from "@/lib/api/v1/transactions.schema";
import { WalletIdParams } from "@/lib/api/v1/wallets.schema";
import { json, route } from "@/lib/http/route";
import { estimateTransferFee } from "@/lib/server/transactions/estimate-transfer-fee";

/** POST: Cobo's fee levels for a transfer from one of the wallet's addresses. */
export const POST = route({
  name: "/api/v1/wallets/[wallet_id]/fee-estimates",
  auth: "bearer",
  params: WalletIdParams,
  body: FeeEstimateBody,
  handler: async ({ appUser, params, body }) => json(FeeEstimateSchema.parse(await estimateTransferFee(appUser.userId, params.wallet_id, body))),
});
