import { AddressList, AddressListQuery, AddressSchema, CreateAddressBody, WalletIdParams } from "@/lib/api/v1/wallets.schema";
import { json, route } from "@/lib/http/route";
import { createAddress } from "@/lib/server/wallets/create-address";
import { listAddresses } from "@/lib/server/wallets/list-addresses";

/** POST: a new address of the caller's wallet on a chain (path and public key stored). */
export const POST = route({
  name: "/api/v1/wallets/[wallet_id]/addresses",
  auth: "bearer",
  params: WalletIdParams,
  body: CreateAddressBody,
  handler: async ({ appUser, params, body }) =>
    json(AddressSchema.parse(await createAddress(appUser.userId, params.wallet_id, body.chain_id)), { status: 201 }),
});

/** GET: the wallet's addresses with path and public key, optionally of one chain. */
export const GET = route({
  name: "/api/v1/wallets/[wallet_id]/addresses",
  auth: "bearer",
  params: WalletIdParams,
  query: AddressListQuery,
  handler: async ({ appUser, params, query }) =>
    json(AddressList.parse({ data: await listAddresses(appUser.userId, params.wallet_id, query.chain_id) })),
});
