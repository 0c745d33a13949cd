import { BalanceList, BalancesQuery, WalletIdParams } from "@/lib/api/v1/wallets.schema";
import { json, route } from "@/lib/http/route";
import { getWalletBalances } from "@/lib/server/wallets/get-wallet-balances";

/** GET: the wallet's balances per token, read from Cobo. */
export const GET = route({
  name: "/api/v1/wallets/[wallet_id]/balances",
  auth: "bearer",
  params: WalletIdParams,
  query: BalancesQuery,
  handler: async ({ appUser, params, query }) =>
    json(BalanceList.parse({ data: await getWalletBalances(appUser.userId, params.wallet_id, query.token_id) })),
});
