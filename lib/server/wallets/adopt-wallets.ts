import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import { isCoboError } from "@/lib/cobo/errors";
import type { AddressInfo, WalletInfo } from "@/lib/cobo/types";
import { db } from "@/lib/db/client";
import { walletNameFromCobo } from "@/lib/server/wallets/create-wallet";
import { storeAddresses } from "@/lib/server/wallets/store-addresses";

// Wallets and addresses of our vaults that we learn of from Cobo rather than make ourselves (made
// in Cobo Portal, with our API key outside this backend, or reported before our own create call
// returned): Cobo's webhooks (wallets.created, wallets.addresses.created) and transactions of a
// wallet we have not seen bring them here. Only what Cobo says counts: a wallet is ours when its
// vault is; an address when Cobo lists it under a wallet of ours. Adopting twice changes nothing.

/** An address as Cobo's addresses event carries it (newer API versions name its wallet). */
export type ReportedAddress = AddressInfo & { wallet_id?: string | null };

/** Stores a wallet Cobo reports when its vault is ours; true when it is (stored now or before). */
export async function adoptWallet(wallet: WalletInfo): Promise<boolean> {
  const coboVaultId = typeof wallet.vault_id === "string" ? wallet.vault_id : null;
  const vault = coboVaultId ? await db.vault.findUnique({ where: { coboVaultId }, select: { id: true } }) : null;
  if (!coboVaultId || !vault) return false;
  await db.wallet.upsert({
    where: { coboWalletId: wallet.wallet_id },
    update: {},
    // Cobo's name carries the vault tag this backend adds (see create-wallet); store the user's name.
    create: {
      coboWalletId: wallet.wallet_id,
      vaultId: vault.id,
      name: wallet.name ? walletNameFromCobo(wallet.name, coboVaultId) : wallet.wallet_id,
    },
  });
  return true;
}

/** Re-reads a wallet we have not seen from Cobo and adopts it if its vault is ours; true when adopted. */
export async function adoptWalletFromCobo(coboWalletId: string): Promise<boolean> {
  if (await db.wallet.findUnique({ where: { coboWalletId }, select: { id: true } })) return false;
  let info: WalletInfo;
  try {
    info = await getCoboGateway().getWallet(coboWalletId);
  } catch (error) {
    if (isCoboError(error) && error.kind === "rejected" && error.coboHttpStatus === 404) return false;
    throw error;
  }
  return adoptWallet(info);
}

/**
 * Stores addresses made at Cobo for wallets of ours; returns how many were ours. Cobo's current API
 * names the wallet on each address (wallet_id, required in AddressesEventData's addresses since
 * 2025); npm 1.8.0's AddressInfo, and so the sandbox, carry none. Without it the address is matched
 * by its root public key to a vault of ours (an MPC address is derived from the vault's root key)
 * and Cobo is asked which of that vault's wallets has it: the payload alone is never trusted to
 * pick a wallet. With neither, nothing can tell the wallet, and the address is left to the
 * wallet's own import.
 */
export async function adoptAddresses(addresses: ReportedAddress[]): Promise<number> {
  let ours = 0;
  for (const a of addresses) {
    const found = a.wallet_id ? await namedWallet(a.wallet_id, a) : await walletOwningAddress(a);
    if (!found) continue;
    await storeAddresses(found.walletRowId, [found.address]);
    ours++;
  }
  return ours;
}

type Owned = { walletRowId: string; address: AddressInfo };

/** The wallet the event names, adopted from Cobo first if it is one of our vaults' that we have not seen. */
async function namedWallet(coboWalletId: string, address: AddressInfo): Promise<Owned | null> {
  const find = () => db.wallet.findUnique({ where: { coboWalletId }, select: { id: true } });
  const wallet = (await find()) ?? ((await adoptWalletFromCobo(coboWalletId)) ? await find() : null);
  return wallet ? { walletRowId: wallet.id, address } : null;
}

/** Our wallet that Cobo lists the address under, among the wallets of the vault with its root key. */
async function walletOwningAddress(a: ReportedAddress): Promise<Owned | null> {
  const known = await db.address.findUnique({
    where: { chainId_address: { chainId: a.chain_id, address: a.address } },
    select: { walletId: true },
  });
  if (known) return { walletRowId: known.walletId, address: a };
  if (!a.root_pubkey) return null;
  const rootPubkey = a.root_pubkey;
  const vaults = await db.vault.findMany({
    where: { OR: [{ rootPubkey }, { groups: { some: { rootPubkey } } }] },
    select: { coboVaultId: true, wallets: { select: { id: true, coboWalletId: true } } },
  });
  const ours = vaults.flatMap((v) => v.wallets);
  const found = await listingWallet(ours, a);
  if (found || vaults.length === 0) return found;
  // A wallet of that vault we have not seen yet (its wallets.created may come later): read the
  // vault's wallets from Cobo, adopt those we lack, and ask about them.
  const adopted: { id: string; coboWalletId: string }[] = [];
  for (const v of vaults) {
    if (!v.coboVaultId) continue;
    for (const w of (await getCoboGateway().listWallets({ vault_id: v.coboVaultId, limit: 50 })).data) {
      if (ours.some((o) => o.coboWalletId === w.wallet_id) || !(await adoptWallet(w))) continue;
      adopted.push(await db.wallet.findUniqueOrThrow({ where: { coboWalletId: w.wallet_id }, select: { id: true, coboWalletId: true } }));
    }
  }
  return listingWallet(adopted, a);
}

/** The first of `wallets` that Cobo lists the address under, with Cobo's record of it. */
async function listingWallet(wallets: { id: string; coboWalletId: string }[], a: ReportedAddress): Promise<Owned | null> {
  const cobo = getCoboGateway();
  for (const w of wallets) {
    const listed = await cobo.listAddresses(w.coboWalletId, { chain_ids: [a.chain_id], addresses: [a.address], limit: 1 });
    // Cobo's own record (path, public key) is what disaster recovery will derive keys from.
    const remote = listed.data.find((x) => x.chain_id === a.chain_id && x.address === a.address);
    if (remote) return { walletRowId: w.id, address: remote };
  }
  return null;
}
