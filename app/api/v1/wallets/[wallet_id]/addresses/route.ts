import { presentAddress } from "@/lib/api/v1/wallets.presenter";
import { walletsApi } from "@/lib/api/v1/wallets.schema";
import { route } from "@/lib/http/route";
import { createAddress } from "@/lib/server/wallets/create-address";
import { listAddresses } from "@/lib/server/wallets/list-addresses";

/** POST: a new address of the caller's wallet on a chain (path and public key stored). */
export const POST = route(walletsApi.createAddress).handle(async ({ appUser, params, body }) => ({
  status: 201,
  body: presentAddress(await createAddress(appUser.userId, params.wallet_id, body.chain_id)),
}));

/** GET: the wallet's addresses with path and public key, optionally of one chain. */
export const GET = route(walletsApi.listAddresses).handle(async ({ appUser, params, query }) => ({
  status: 200,
  body: { data: (await listAddresses(appUser.userId, params.wallet_id, query.chain_id)).map(presentAddress) },
}));
