import { z } from "zod";
import { endpoint } from "@/lib/api/v1/endpoint";
import { Timestamp } from "@/lib/api/v1/common.schema";
import { TssNodeIdSchema } from "@/lib/api/v1/nodes.schema";

export const GroupMemberSchema = z.object({
  tss_node_id: z.string(),
  holder_name: z.string(),
  holder_type: z.string().describe("Cobo | Mobile | API"),
  status: z.string().describe("Cobo's key share holder status"),
  owner: z.string().describe("user (a device of yours) | cobo | cosigner"),
  node_status: z
    .string()
    .describe(
      "active | retired: a retired device (lost or replaced) still counts in this group's key, but is never offered for a new group",
    ),
});

export const GroupSchema = z
  .object({
    key_share_holder_group_id: z.string().nullable().describe("Cobo's group id (null for a moment while it is created)"),
    group_type: z.string().describe("MainGroup | RecoveryGroup"),
    threshold: z.number().int(),
    participants: z.number().int(),
    status: z.string().describe("Cobo's group status: New | Valid | Unavailable"),
    lifecycle: z.string().describe("pending | active | superseded | abandoned"),
    active: z.boolean().describe("true for the vault's active Main Group"),
    root_pubkey: z.string().nullable(),
    created_at: Timestamp,
    members: z.array(GroupMemberSchema),
  })
  .meta({ id: "KeyShareHolderGroup" });

export const VaultSchema = z
  .object({
    vault_id: z.string().describe("Cobo's vault id"),
    name: z.string(),
    project_id: z.string(),
    status: z.string().describe("Created | MainGroupCreated | MainGroupGenerated"),
    root_pubkey: z.string().nullable(),
    main_group_id: z.string().nullable().describe("Cobo id of the active Main Group"),
    created_at: Timestamp,
    groups: z.array(GroupSchema),
  })
  .meta({ id: "Vault" });

export const GroupCreationSchema = z
  .object({
    key_share_holder_group_id: z.string(),
    tss_request_id: z.string().describe("Cobo's TSS request id: approve it with the UCW SDK"),
    tss_request_status: z.string(),
    created: z.boolean().describe("false when an identical request was already under way"),
  })
  .meta({ id: "GroupCreation" });

export const MainGroupBody = z.object({ tss_node_id: TssNodeIdSchema }).meta({ id: "CreateMainGroupRequest" });
export const RecoveryGroupBody = z
  .object({ tss_node_ids: z.array(TssNodeIdSchema).min(1).max(10).describe("TSS node ids of your other devices") })
  .meta({ id: "CreateRecoveryGroupRequest" });
export const RecoveryBody = z
  .object({
    recovery_group_id: z.string().min(1).max(128).describe("Cobo id of the Recovery Group to recover from"),
    tss_node_id: TssNodeIdSchema.describe("TSS node id of the new device"),
  })
  .meta({ id: "RecoverMainGroupRequest" });

export const GroupList = z.object({ data: z.array(GroupSchema) }).meta({ id: "KeyShareHolderGroupList" });

export const DisasterRecoverySchema = z
  .object({
    vault_id: z.string(),
    vault_name: z.string(),
    root_pubkey: z.string().nullable().describe("The SECP256K1 root public key"),
    root_pubkeys: z
      .array(z.object({ curve: z.string(), root_pubkey: z.string() }))
      .describe("The vault's root public key of every curve (SECP256K1, ED25519)"),
    key_share_holder_groups: z.array(
      z.object({
        key_share_holder_group_id: z.string().nullable(),
        group_type: z.string(),
        lifecycle: z.string(),
        threshold: z.number().int(),
        participants: z.number().int(),
        tss_key_share_group_id: z.string().nullable().describe("The SECP256K1 TSS key share group"),
        root_pubkey: z.string().nullable(),
        tss_key_share_groups: z
          .array(z.object({ tss_key_share_group_id: z.string(), curve: z.string(), root_pubkey: z.string().nullable() }))
          .describe("The group's TSS key share group of every curve"),
      }),
    ),
    addresses: z.array(
      z.object({
        wallet_id: z.string(),
        wallet_name: z.string(),
        chain_id: z.string(),
        address: z.string(),
        memo: z.string().nullable(),
        path: z.string().nullable().describe("BIP32 derivation path"),
        pubkey: z.string().nullable(),
        encoding: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "DisasterRecoveryInfo" });

/** The operations of this part of the API, by name (route files import them; lib/api/v1/endpoints.ts lists them all). */
export const vaultApi = {
  createVault: endpoint({
    method: "post",
    path: "/api/v1/vault",
    tag: "Vault",
    summary: "Create my vault (one per user; calling again returns it)",
    auth: "bearer",
    responses: { 201: { description: "Created", schema: VaultSchema }, 200: { description: "Already existed", schema: VaultSchema } },
    errors: [409, 502, 503],
  }),
  getVault: endpoint({
    method: "get",
    path: "/api/v1/vault",
    tag: "Vault",
    summary: "My vault with its groups, members and statuses",
    auth: "bearer",
    responses: { 200: { description: "My vault", schema: VaultSchema } },
    errors: [404],
  }),
  createMainGroup: endpoint({
    method: "post",
    path: "/api/v1/vault/main-group",
    tag: "Vault",
    summary: "Create my Main Group and its key generation (KeyGen TSS request)",
    description:
      "Approve the returned TSS request with the UCW SDK. Repeating the call while it is pending returns the same request. " +
      "`tss_node_id` must be registered to the caller first (POST /api/v1/tss-nodes), else 422 naming the field. " +
      "While a key generation for another device is pending this answers 409: cancel it (POST /api/v1/tss-requests/{tss_request_id}/cancel), then start again. " +
      "A paused account gets 403.",
    auth: "bearer",
    body: MainGroupBody,
    responses: {
      201: { description: "Group and TSS request created", schema: GroupCreationSchema },
      200: { description: "Already under way", schema: GroupCreationSchema },
    },
    errors: [403, 404, 409, 422, 502, 503],
  }),
  listRecoveryGroups: endpoint({
    method: "get",
    path: "/api/v1/vault/recovery-groups",
    tag: "Recovery",
    summary: "List my Recovery Groups",
    auth: "bearer",
    responses: { 200: { description: "My Recovery Groups", schema: GroupList } },
  }),
  createRecoveryGroup: endpoint({
    method: "post",
    path: "/api/v1/vault/recovery-groups",
    tag: "Recovery",
    summary: "Create a Recovery Group from other devices and reshare my Main Group's key to it",
    description: "A paused account gets 403.",
    auth: "bearer",
    body: RecoveryGroupBody,
    responses: { 201: { description: "Group and KeyGenFromKeyGroup TSS request created", schema: GroupCreationSchema } },
    errors: [403, 404, 409, 422, 502, 503],
  }),
  recoverMainGroup: endpoint({
    method: "post",
    path: "/api/v1/vault/recoveries",
    tag: "Recovery",
    summary: "Recover my Main Group onto a new device from a Recovery Group",
    description:
      "Creates a new Main Group with the new device and a Recovery TSS request. When it succeeds, the new group becomes the active Main Group and the old one is kept as history. " +
      "The new device's `tss_node_id` must be registered to the caller first (POST /api/v1/tss-nodes). A paused account gets 403.",
    auth: "bearer",
    body: RecoveryBody,
    responses: {
      201: { description: "Recovery started", schema: GroupCreationSchema },
      200: { description: "Already under way", schema: GroupCreationSchema },
    },
    errors: [403, 404, 409, 422, 502, 503],
  }),
  disasterRecovery: endpoint({
    method: "get",
    path: "/api/v1/vault/disaster-recovery",
    tag: "Recovery",
    summary: "Everything the offline recovery tool needs: every address with wallet, chain, path and public key",
    description: "A paused account gets 403.",
    auth: "bearer",
    responses: { 200: { description: "Disaster recovery information", schema: DisasterRecoverySchema } },
    errors: [403, 404],
  }),
};
