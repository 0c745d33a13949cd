import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requireActiveUser } from "@/lib/server/risk/require-active-user";

// The guide's "Perform disaster recovery": if Cobo is gone, the user's Recovery Group devices
// export their recovery key shares and the UCW SDK's recovery tool rebuilds the root key, then
// derives each address's private key from its BIP32 path. This answers what that tool needs:
// every address with wallet, chain, path and public key, and the groups' key ids. Together with
// the Recovery Group's exported shares it rebuilds the key, so a paused user does not get it.

/** Everything offline recovery of the caller's vault needs. */
export async function getDisasterRecoveryInfo(userId: string) {
  await requireActiveUser(userId, "disaster-recovery export");
  const vault = await db.vault.findUnique({
    where: { userId },
    select: {
      coboVaultId: true,
      name: true,
      rootPubkey: true,
      groups: {
        where: { lifecycle: { in: ["active", "superseded"] } },
        orderBy: { createdAt: "asc" },
        select: { coboGroupId: true, groupType: true, lifecycle: true, threshold: true, participants: true, tssKeyShareGroupId: true, rootPubkey: true },
      },
      wallets: {
        orderBy: { createdAt: "asc" },
        select: {
          coboWalletId: true,
          name: true,
          addresses: { orderBy: { createdAt: "asc" }, select: { chainId: true, address: true, path: true, pubkey: true, encoding: true, memo: true } },
        },
      },
    },
  });
  if (!vault?.coboVaultId) throw new AppError("not_found", "You have no vault yet.");
  return {
    vault_id: vault.coboVaultId,
    vault_name: vault.name,
    root_pubkey: vault.rootPubkey,
    key_share_holder_groups: vault.groups.map((g) => ({
      key_share_holder_group_id: g.coboGroupId,
      group_type: g.groupType,
      lifecycle: g.lifecycle,
      threshold: g.threshold,
      participants: g.participants,
      tss_key_share_group_id: g.tssKeyShareGroupId,
      root_pubkey: g.rootPubkey,
    })),
    addresses: vault.wallets.flatMap((w) =>
      w.addresses.map((a) => ({
        wallet_id: w.coboWalletId,
        wallet_name: w.name,
        chain_id: a.chainId,
        address: a.address,
        memo: a.memo,
        path: a.path,
        pubkey: a.pubkey,
        encoding: a.encoding,
      })),
    ),
  };
}
