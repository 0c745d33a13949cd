import type { z } from "zod";
import type { DisasterRecoverySchema, GroupCreationSchema, GroupList, GroupSchema, VaultSchema } from "@/lib/api/v1/vault.schema";
import type { GroupCreation } from "@/lib/server/groups/provision-group";
import type { DisasterRecoveryRecord } from "@/lib/server/vaults/get-disaster-recovery-info";
import type { GroupRecord, VaultRecord } from "@/lib/server/vaults/vault-record";

// Domain records → the Client API's vault answers: Cobo's ids (the UCW SDK knows only those),
// groups, members, statuses; dates as ISO strings.

export type VaultDto = z.output<typeof VaultSchema>;
export type GroupDto = z.output<typeof GroupSchema>;
export type GroupListDto = z.output<typeof GroupList>;
export type DisasterRecoveryDto = z.output<typeof DisasterRecoverySchema>;

/** A group; `active` when it is the vault's active Main Group. */
export function presentGroup(g: GroupRecord, activeMainGroupId: string | null): GroupDto {
  return {
    key_share_holder_group_id: g.coboGroupId,
    group_type: g.groupType,
    threshold: g.threshold,
    participants: g.participants,
    status: g.status,
    lifecycle: g.lifecycle,
    active: g.id === activeMainGroupId,
    root_pubkey: g.rootPubkey,
    created_at: g.createdAt.toISOString(),
    members: g.members.map((m) => ({
      tss_node_id: m.node.nodeId,
      holder_name: m.holderName,
      holder_type: m.holderType,
      status: m.status,
      owner: m.node.kind,
      node_status: m.node.status,
    })),
  };
}

export function presentVault(v: VaultRecord): VaultDto {
  return {
    vault_id: v.coboVaultId,
    name: v.name,
    project_id: v.coboProjectId,
    status: v.status,
    root_pubkey: v.rootPubkey,
    main_group_id: v.activeMainGroup?.coboGroupId ?? null,
    created_at: v.createdAt.toISOString(),
    groups: v.groups.map((g) => presentGroup(g, v.activeMainGroupId)),
  };
}

export function presentGroupList(list: { groups: GroupRecord[]; activeMainGroupId: string | null }): GroupListDto {
  return { data: list.groups.map((g) => presentGroup(g, list.activeMainGroupId)) };
}

/** Everything offline recovery needs: every address with its wallet, chain, path and public key. */
export function presentDisasterRecovery(v: DisasterRecoveryRecord): DisasterRecoveryDto {
  return {
    vault_id: v.coboVaultId,
    vault_name: v.name,
    root_pubkey: v.rootPubkey,
    root_pubkeys: v.rootPubkeys,
    key_share_holder_groups: v.groups.map((g) => ({
      key_share_holder_group_id: g.coboGroupId,
      group_type: g.groupType,
      lifecycle: g.lifecycle,
      threshold: g.threshold,
      participants: g.participants,
      tss_key_share_group_id: g.tssKeyShareGroupId,
      root_pubkey: g.rootPubkey,
      tss_key_share_groups: g.tssKeyShareGroups,
    })),
    addresses: v.wallets.flatMap((w) =>
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

export type GroupCreationDto = z.output<typeof GroupCreationSchema>;

/** A group plan carried out or resumed: Cobo's ids, the TSS request's status, and whether it was made now. */
export function presentGroupCreation(c: GroupCreation): GroupCreationDto {
  return {
    key_share_holder_group_id: c.coboGroupId,
    tss_request_id: c.coboTssRequestId,
    tss_request_status: c.tssRequestStatus,
    created: c.created,
  };
}
