import { WalletIdParams, WalletSchema } from "@/lib/api/v1/wallets.schema";
import { json, route } from "@/lib/http/route";
import { getWallet } from "@/lib/server/wallets/get-wallet";

/** GET: one of the caller's wallets by Cobo wallet id. */
export const GET = route({
  name: "/api/v1/wallets/[wallet_id]",
  auth: "bearer",
  params: WalletIdParams,
  handler: async ({ appUser, params }) => json(WalletSchema.parse(await getWallet(appUser.userId, params.wallet_id))),
});
