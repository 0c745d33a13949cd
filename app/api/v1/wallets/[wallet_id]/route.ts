import { presentWallet } from "@/lib/api/v1/wallets.presenter";
import { walletsApi } from "@/lib/api/v1/wallets.schema";
import { route } from "@/lib/http/route";
import { getWallet } from "@/lib/server/wallets/get-wallet";

/** GET: one of the caller's wallets by Cobo wallet id. */
export const GET = route(walletsApi.getWallet).handle(async ({ appUser, params }) => ({
  status: 200,
  body: presentWallet(await getWallet(appUser.userId, params.wallet_id)),
}));
