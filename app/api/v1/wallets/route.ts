import { presentWallet } from "@/lib/api/v1/wallets.presenter";
import { walletsApi } from "@/lib/api/v1/wallets.schema";
import { route } from "@/lib/http/route";
import { createWallet } from "@/lib/server/wallets/create-wallet";
import { listWallets } from "@/lib/server/wallets/list-wallets";

/** POST: create a wallet in the caller's vault (201), or return theirs of that name (200). */
export const POST = route(walletsApi.createWallet).handle(async ({ appUser, body }) => {
  const { created, wallet } = await createWallet(appUser.userId, body.name);
  return { status: created ? 201 : 200, body: presentWallet(wallet) };
});

/** GET: the caller's wallets. */
export const GET = route(walletsApi.listWallets).handle(async ({ appUser }) => ({
  status: 200,
  body: { data: (await listWallets(appUser.userId)).map(presentWallet) },
}));
