import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import type { AddressInfo } from "@/lib/cobo/types";
import { db } from "@/lib/db/client";

// Addresses are stored with their BIP32 path, public key and encoding: offline disaster recovery
// (Cobo gone) derives the private keys from exactly these. Writes are idempotent (unique chain +
// address), so importing an address twice is harmless.

/** Stores addresses Cobo derived for a wallet (ours by row id); returns how many were new. */
export async function storeAddresses(walletRowId: string, addresses: AddressInfo[]): Promise<number> {
  let added = 0;
  for (const a of addresses) {
    const existing = await db.address.findUnique({
      where: { chainId_address: { chainId: a.chain_id, address: a.address } },
      select: { id: true },
    });
    if (existing) continue;
    await db.address.upsert({
      where: { chainId_address: { chainId: a.chain_id, address: a.address } },
      update: {},
      create: {
        walletId: walletRowId,
        chainId: a.chain_id,
        address: a.address,
        memo: a.memo ?? null,
        path: a.path ?? null,
        pubkey: a.pubkey ?? null,
        encoding: a.encoding ?? null,
      },
    });
    added++;
  }
  return added;
}

/** Imports every address Cobo lists for a wallet (optionally one chain): heals a create whose answer was lost. */
export async function importWalletAddresses(walletRowId: string, coboWalletId: string, chainId?: string): Promise<number> {
  const cobo = getCoboGateway();
  let added = 0;
  let after: string | undefined;
  for (let page = 0; page < 200; page++) {
    const res = await cobo.listAddresses(coboWalletId, {
      limit: 50,
      ...(chainId ? { chain_ids: [chainId] } : {}),
      ...(after ? { after } : {}),
    });
    added += await storeAddresses(walletRowId, res.data);
    after = res.pagination?.after ?? undefined;
    if (!after || res.data.length === 0) break;
  }
  return added;
}
