import { presentTokenBalance } from "@/lib/api/v1/wallets.presenter";
import { walletsApi } from "@/lib/api/v1/wallets.schema";
import { route } from "@/lib/http/route";
import { getAddressBalances } from "@/lib/server/wallets/get-address-balances";

/** GET: one of the wallet's addresses' balances per token, read from Cobo. */
export const GET = route(walletsApi.addressBalances).handle(async ({ appUser, params, query }) => ({
  status: 200,
  body: { data: (await getAddressBalances(appUser.userId, params.wallet_id, params.address, query.token_id)).map(presentTokenBalance) },
}));
