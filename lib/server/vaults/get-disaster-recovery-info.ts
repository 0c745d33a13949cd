import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { storedKeyShareGroups, storedRootPubkeys } from "@/lib/server/groups/group-keys";
import { requireActiveUser } from "@/lib/server/risk/require-active-user";

// The guide's "Perform disaster recovery": if Cobo is gone, the user's Recovery Group devices
// export their recovery key shares and the UCW SDK's recovery tool rebuilds the root key, then
// derives each address's private key from its BIP32 path. This answers what that tool needs:
// every address with wallet, chain, path and public key, the vault's root public key of every
// curve (SECP256K1 and ED25519), and every group's TSS key share groups (one per curve). Together with
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
      rootPubkeys: true,
      groups: {
        where: { lifecycle: { in: ["active", "superseded"] } },
        orderBy: { createdAt: "asc" },
        select: {
          coboGroupId: true,
          groupType: true,
          lifecycle: true,
          threshold: true,
          participants: true,
          tssKeyShareGroupId: true,
          rootPubkey: true,
          tssKeyShareGroups: true,
        },
      },
      wallets: {
        orderBy: { createdAt: "asc" },
        select: {
          coboWalletId: true,
          name: true,
          addresses: {
            orderBy: { createdAt: "asc" },
            select: { chainId: true, address: true, path: true, pubkey: true, encoding: true, memo: true },
          },
        },
      },
    },
  });
  if (!vault?.coboVaultId) throw new AppError("not_found", "You have no vault yet.");
  return {
    ...vault,
    coboVaultId: vault.coboVaultId,
    rootPubkeys: storedRootPubkeys(vault.rootPubkeys),
    groups: vault.groups.map((g) => ({ ...g, tssKeyShareGroups: storedKeyShareGroups(g.tssKeyShareGroups) })),
  };
}

/** The vault, its active and superseded groups, and every wallet's addresses, oldest first. */
export type DisasterRecoveryRecord = Awaited<ReturnType<typeof getDisasterRecoveryInfo>>;
