import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import type { KeyShareHolderGroup, MPCVault } from "@/lib/cobo/types";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

// A vault has one root key per curve (SECP256K1 and ED25519) [Cobo: `MPCVault.root_pubkeys`], and a
// group that holds key shares has one TSS key share group per curve [Cobo:
// `KeyShareHolderGroup.tss_key_share_groups`]. Every one of them is stored (`vaults.root_pubkeys`,
// `key_share_holder_groups.tss_key_share_groups`) and goes into the disaster-recovery export; the
// SECP256K1 one is also kept in the single-key columns (`root_pubkey`, `tss_key_share_group_id`),
// which lookups by key use.

/** One TSS key share group of a holder group, as stored. */
export type StoredKeyShareGroup = { tss_key_share_group_id: string; curve: string; root_pubkey: string | null };
/** One root public key of a vault, as stored. */
export type StoredRootPubkey = { curve: string; root_pubkey: string };

const PRIMARY_CURVE = "SECP256K1";

/** A group's TSS key share groups as Cobo lists them (entries without an id are dropped). */
export function keyShareGroupsOf(remote: Pick<KeyShareHolderGroup, "tss_key_share_groups">): StoredKeyShareGroup[] {
  return (remote.tss_key_share_groups ?? []).flatMap((k) =>
    k.tss_key_share_group_id
      ? [{ tss_key_share_group_id: k.tss_key_share_group_id, curve: k.curve ?? "unknown", root_pubkey: k.root_pubkey ?? null }]
      : [],
  );
}

/** A vault's root public keys as Cobo lists them. */
export function rootPubkeysOf(remote: Pick<MPCVault, "root_pubkeys">): StoredRootPubkey[] {
  return (remote.root_pubkeys ?? []).flatMap((k) => (k.root_pubkey ? [{ curve: k.curve ?? "unknown", root_pubkey: k.root_pubkey }] : []));
}

/** The root public keys a group's key share groups name (one per curve). */
export function rootPubkeysOfGroup(groups: readonly StoredKeyShareGroup[]): StoredRootPubkey[] {
  return groups.flatMap((g) => (g.root_pubkey ? [{ curve: g.curve, root_pubkey: g.root_pubkey }] : []));
}

/** The SECP256K1 entry (else the first with a key, else the first): what the single-key columns hold. */
function primary<T extends { curve: string; root_pubkey: string | null }>(list: readonly T[]): T | undefined {
  return list.find((k) => k.curve === PRIMARY_CURVE && k.root_pubkey) ?? list.find((k) => k.root_pubkey) ?? list[0];
}

/** The columns of a `key_share_holder_groups` row for what Cobo reports of the group's keys. */
export function groupKeyColumns(remote: Pick<KeyShareHolderGroup, "tss_key_share_groups">) {
  const all = keyShareGroupsOf(remote);
  const main = primary(all);
  return {
    tssKeyShareGroupId: main?.tss_key_share_group_id ?? null,
    rootPubkey: main?.root_pubkey ?? null,
    tssKeyShareGroups: all as unknown as Prisma.InputJsonValue,
  };
}

/** The columns of a `vaults` row for a list of root public keys. */
export function vaultKeyColumns(keys: readonly StoredRootPubkey[]) {
  return { rootPubkey: primary(keys)?.root_pubkey ?? null, rootPubkeys: keys as unknown as Prisma.InputJsonValue };
}

/** Reads a stored `tss_key_share_groups` / `root_pubkeys` JSON column back (tolerates anything malformed as empty). */
export function storedKeyShareGroups(value: Prisma.JsonValue): StoredKeyShareGroup[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return [];
    const id = v.tss_key_share_group_id;
    const curve = v.curve;
    const key = v.root_pubkey;
    return typeof id === "string"
      ? [
          {
            tss_key_share_group_id: id,
            curve: typeof curve === "string" ? curve : "unknown",
            root_pubkey: typeof key === "string" ? key : null,
          },
        ]
      : [];
  });
}

/** Reads a stored `root_pubkeys` JSON column back. */
export function storedRootPubkeys(value: Prisma.JsonValue): StoredRootPubkey[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return [];
    const key = v.root_pubkey;
    const curve = v.curve;
    return typeof key === "string" ? [{ curve: typeof curve === "string" ? curve : "unknown", root_pubkey: key }] : [];
  });
}

/**
 * Re-reads a group from Cobo after its TSS request reported `Success`. Only a group that now holds
 * key share groups was really given a key: Cobo's specification can be read as reporting a
 * *cancelled* request as `Success` too, and then the group holds none. Returns the group when it
 * holds key share groups, null when it holds none.
 */
export async function groupWithKeys(coboVaultId: string, coboGroupId: string): Promise<KeyShareHolderGroup | null> {
  const remote = await getCoboGateway().getKeyShareHolderGroup(coboVaultId, coboGroupId);
  return keyShareGroupsOf(remote).length > 0 ? remote : null;
}

/**
 * Stores what Cobo reports of a group's keys (every curve's TSS key share group and root public
 * key; see group-keys.ts) and its holders' statuses; the vault gets the root public keys when it
 * has none yet (its first key generation).
 */
export async function storeGroupKeys(groupId: string, remote: KeyShareHolderGroup): Promise<void> {
  const columns = groupKeyColumns(remote);
  const roots = rootPubkeysOfGroup(keyShareGroupsOf(remote));
  await db.$transaction(async (tx) => {
    const group = await tx.keyShareHolderGroup.update({
      where: { id: groupId },
      data: { ...(remote.status ? { status: remote.status } : {}), ...columns },
      select: { vaultId: true },
    });
    if (roots.length > 0) {
      const vault = await tx.vault.findUniqueOrThrow({ where: { id: group.vaultId }, select: { rootPubkey: true, rootPubkeys: true } });
      const known = storedRootPubkeys(vault.rootPubkeys);
      // The vault keeps the keys it was first given (recovery reshares the same root); curves it
      // lacks are added.
      const merged = [...known, ...roots.filter((r) => !known.some((k) => k.curve === r.curve))];
      if (merged.length !== known.length || !vault.rootPubkey) {
        const cols = vaultKeyColumns(merged);
        await tx.vault.update({
          where: { id: group.vaultId },
          data: { rootPubkeys: cols.rootPubkeys, ...(vault.rootPubkey ? {} : { rootPubkey: cols.rootPubkey }) },
        });
      }
    }
    for (const h of remote.key_share_holders ?? []) {
      if (!h.tss_node_id || !h.status) continue;
      await tx.groupMember.updateMany({ where: { groupId, node: { nodeId: h.tss_node_id } }, data: { status: h.status } });
    }
  });
}

/** The status to record when Cobo reports `Success` for a request whose target group holds no key share groups. */
export const SUCCESS_WITHOUT_KEYS_STATUS = "KeyHolderConfirmationFailed";

/** The timeline note for that case. */
export function successWithoutKeysNote(coboGroupId: string): string {
  return (
    `Cobo reported Success, but group ${coboGroupId} holds no key share groups at Cobo: no key was generated ` +
    `(a cancelled request reported as Success), so it is recorded as ${SUCCESS_WITHOUT_KEYS_STATUS}`
  );
}
