import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import { isCoboError } from "@/lib/cobo/errors";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { requireOwnWallet } from "@/lib/server/wallets/own-wallet";
import { importWalletAddresses, storeAddresses } from "@/lib/server/wallets/store-addresses";
import { addressRecordSelect, type AddressRecord } from "@/lib/server/wallets/wallet-record";

// The guide's "Create an address": Cobo derives a new address of the wallet on a chain; we keep
// its path and public key. Creating an address has no idempotency key at Cobo, but an extra
// address is harmless (it is the user's, derived from their key), so a retry simply makes another
// one; what must not happen is losing one, so an answer that may have been lost is healed by
// importing the wallet's addresses from Cobo.

/** Creates one new address of the caller's wallet on `chainId`. */
export async function createAddress(userId: string, coboWalletId: string, chainId: string): Promise<AddressRecord> {
  const wallet = await requireOwnWallet(userId, coboWalletId);
  await requireEnabledChain(chainId);
  let created;
  try {
    created = await getCoboGateway().createAddress(coboWalletId, { chain_id: chainId, count: 1 });
  } catch (error) {
    if (isCoboError(error) && error.outcomeUnknown) {
      await importWalletAddresses(wallet.id, coboWalletId, chainId).catch((err: unknown) =>
        logger.warn({ err, coboWalletId }, "could not import addresses after a lost createAddress answer"),
      );
    }
    throw error;
  }
  const first = created[0];
  if (!first) throw new AppError("cobo_error", "Cobo returned no address.");
  await storeAddresses(wallet.id, created);
  return db.address.findUniqueOrThrow({
    where: { chainId_address: { chainId: first.chain_id, address: first.address } },
    select: addressRecordSelect,
  });
}

/** 422 unless the organisation enabled `chainId` for UCW wallets (a bad chain is the caller's mistake, not Cobo failing). */
async function requireEnabledChain(chainId: string): Promise<void> {
  const cobo = getCoboGateway();
  let after: string | undefined;
  for (let page = 0; page < 50; page++) {
    const res = await cobo.listEnabledChains({ limit: 50, ...(after ? { after } : {}) });
    if (res.data.some((c) => c.chain_id === chainId)) return;
    after = res.pagination?.after ?? undefined;
    if (!after || res.data.length === 0) break;
  }
  throw new AppError("invalid_input", "The body is invalid.", {
    issues: [{ path: "body.chain_id", message: `chain ${chainId} is not enabled for this organisation` }],
  });
}
