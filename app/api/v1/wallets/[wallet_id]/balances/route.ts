import { presentTokenBalance } from "@/lib/api/v1/wallets.presenter";
import { walletsApi } from "@/lib/api/v1/wallets.schema";
import { route } from "@/lib/http/route";
import { getWalletBalances } from "@/lib/server/wallets/get-wallet-balances";

/** GET: the wallet's balances per token, read from Cobo. */
export const GET = route(walletsApi.balances).handle(async ({ appUser, params, query }) => ({
  status: 200,
  body: { data: (await getWalletBalances(appUser.userId, params.wallet_id, query.token_id)).map(presentTokenBalance) },
}));
