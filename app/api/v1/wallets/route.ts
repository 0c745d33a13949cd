import { CreateWalletBody, WalletList, WalletSchema } from "@/lib/api/v1/wallets.schema";
import { json, route } from "@/lib/http/route";
import { createWallet } from "@/lib/server/wallets/create-wallet";
import { listWallets } from "@/lib/server/wallets/list-wallets";

/** POST: create a wallet in the caller's vault (201), or return theirs of that name (200). */
export const POST = route({
  name: "/api/v1/wallets",
  auth: "bearer",
  body: CreateWalletBody,
  handler: async ({ appUser, body }) => {
    const { created, wallet } = await createWallet(appUser.userId, body.name);
    return json(WalletSchema.parse(wallet), { status: created ? 201 : 200 });
  },
});

/** GET: the caller's wallets. */
export const GET = route({
  name: "/api/v1/wallets",
  auth: "bearer",
  handler: async ({ appUser }) => json(WalletList.parse({ data: await listWallets(appUser.userId) })),
});
