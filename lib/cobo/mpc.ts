import { z } from "zod";
import type { Transport } from "@/lib/cobo/transport";
import {
  KeyShareHolderGroupSchema,
  KeyShareHolderSchema,
  MPCProjectSchema,
  MPCVaultSchema,
  pageSchema,
  SubmittedSchema,
  TSSRequestSchema,
  type KeyShareHolder,
  type KeyShareHolderGroup,
  type MPCProject,
  type MPCVault,
  type Page,
  type PageParams,
  type Submitted,
  type TSSRequest,
} from "@/lib/cobo/types";

// MPC (UCW) operations: projects, vaults, key share holder groups, TSS requests, Cobo's key holders
// (class WalletsMPCWalletsApi; docs/cobo.md#mpc).

export type KeyShareHolderGroupType = "MainGroup" | "SigningGroup" | "RecoveryGroup";
export type TSSRequestType = "KeyGen" | "KeyGenFromKeyGroup" | "Recovery";

export type CreateMpcProjectParams = { name: string; participants: number; threshold: number };
export type CreateMpcVaultParams = { project_id: string; name: string };
export type ListMpcVaultsParams = PageParams & { project_id: string };
export type CreateKeyShareHolderParams = { name?: string; type?: "Cobo" | "Mobile" | "API"; tss_node_id?: string; signer?: boolean };
export type CreateKeyShareHolderGroupParams = {
  key_share_holder_group_type: KeyShareHolderGroupType;
  participants: number;
  threshold: number;
  key_share_holders: CreateKeyShareHolderParams[];
};
export type CreateTssRequestParams = {
  type: TSSRequestType;
  target_key_share_holder_group_id: string;
  /** Only for KeyGenFromKeyGroup and Recovery: 1 Cobo node + enough of the user's nodes for the threshold. */
  source_key_share_holder_group?: { key_share_holder_group_id: string; tss_node_ids?: string[] };
  description?: string;
};

export type MpcGateway = ReturnType<typeof createMpcGateway>;

/** The MPC functions of the gateway, bound to one transport. */
export function createMpcGateway(t: Transport) {
  return {
    /** Creates a UCW project (once per deployment; 2-2, 2-3 or 3-3). Not retried after a timeout. */
    createMpcProject(params: CreateMpcProjectParams): Promise<MPCProject> {
      return t.call({
        operation: "createMpcProject",
        safety: "unsafe",
        send: (a) => a.mpc.createMpcProjectWithHttpInfo({ CreateMpcProjectRequest: params }),
        schema: MPCProjectSchema,
      });
    },

    /** Reads one project (e.g. to check COBO_PROJECT_ID at start-up). */
    getMpcProject(projectId: string): Promise<MPCProject> {
      return t.call({
        operation: "getMpcProject",
        safety: "read",
        send: (a) => a.mpc.getMpcProjectByIdWithHttpInfo(projectId),
        schema: MPCProjectSchema,
      });
    },

    /** Lists the organisation's UCW projects. */
    listMpcProjects(page: PageParams = {}): Promise<Page<MPCProject>> {
      return t.call({
        operation: "listMpcProjects",
        safety: "read",
        send: (a) => a.mpc.listMpcProjectsWithHttpInfo(page),
        schema: pageSchema(MPCProjectSchema),
      });
    },

    /** Creates a user's vault; always `User-Controlled`, the only type this product manages. */
    createMpcVault(params: CreateMpcVaultParams): Promise<MPCVault> {
      return t.call({
        operation: "createMpcVault",
        safety: "unsafe",
        send: (a) =>
          a.mpc.createMpcVaultWithHttpInfo({
            CreateMpcVaultRequest: { name: params.name, vault_type: "User-Controlled", project_id: params.project_id },
          }),
        schema: MPCVaultSchema,
      });
    },

    /** Reads one vault. */
    getMpcVault(vaultId: string): Promise<MPCVault> {
      return t.call({
        operation: "getMpcVault",
        safety: "read",
        send: (a) => a.mpc.getMpcVaultByIdWithHttpInfo(vaultId),
        schema: MPCVaultSchema,
      });
    },

    /** Lists a project's User-Controlled vaults (used to reconcile a create whose answer was lost). */
    listMpcVaults(params: ListMpcVaultsParams): Promise<Page<MPCVault>> {
      const { project_id, ...page } = params;
      return t.call({
        operation: "listMpcVaults",
        safety: "read",
        send: (a) => a.mpc.listMpcVaultsWithHttpInfo("User-Controlled", { project_id, ...page }),
        schema: pageSchema(MPCVaultSchema),
      });
    },

    /** Renames a vault (a PUT: repeating it is harmless). */
    updateMpcVault(vaultId: string, params: { name: string }): Promise<MPCVault> {
      return t.call({
        operation: "updateMpcVault",
        safety: "idempotent",
        send: (a) => a.mpc.updateMpcVaultByIdWithHttpInfo(vaultId, { UpdateMpcVaultByIdRequest: params }),
        schema: MPCVaultSchema,
      });
    },

    /** Creates a Main/Signing/Recovery group of the users' TSS nodes; Cobo adds its own holder for UCW. */
    createKeyShareHolderGroup(vaultId: string, params: CreateKeyShareHolderGroupParams): Promise<KeyShareHolderGroup> {
      return t.call({
        operation: "createKeyShareHolderGroup",
        safety: "unsafe",
        send: (a) => a.mpc.createKeyShareHolderGroupWithHttpInfo(vaultId, { CreateKeyShareHolderGroupRequest: params }),
        schema: KeyShareHolderGroupSchema,
      });
    },

    /** Reads one group (its status turns New → Valid once a TSS request succeeded for it). */
    getKeyShareHolderGroup(vaultId: string, groupId: string): Promise<KeyShareHolderGroup> {
      return t.call({
        operation: "getKeyShareHolderGroup",
        safety: "read",
        send: (a) => a.mpc.getKeyShareHolderGroupByIdWithHttpInfo(vaultId, groupId),
        schema: KeyShareHolderGroupSchema,
      });
    },

    /** Lists a vault's groups, optionally of one type. */
    listKeyShareHolderGroups(
      vaultId: string,
      params: PageParams & { key_share_holder_group_type?: KeyShareHolderGroupType } = {},
    ): Promise<Page<KeyShareHolderGroup>> {
      return t.call({
        operation: "listKeyShareHolderGroups",
        safety: "read",
        send: (a) => a.mpc.listKeyShareHolderGroupsWithHttpInfo(vaultId, params),
        schema: pageSchema(KeyShareHolderGroupSchema),
      });
    },

    /** Promotes a Signing Group to Main Group (a PUT to a target state: repeating it is harmless). */
    upgradeKeyShareHolderGroupToMain(vaultId: string, groupId: string): Promise<KeyShareHolderGroup> {
      return t.call({
        operation: "upgradeKeyShareHolderGroupToMain",
        safety: "idempotent",
        send: (a) =>
          a.mpc.updateKeyShareHolderGroupByIdWithHttpInfo(vaultId, groupId, {
            UpdateKeyShareHolderGroupByIdRequest: { update_key_share_holder_group_action: "UpgradeToMainGroup" },
          }),
        schema: KeyShareHolderGroupSchema,
      });
    },

    /** Deletes a group (Cobo's POST …/delete). */
    deleteKeyShareHolderGroup(vaultId: string, groupId: string): Promise<Submitted> {
      return t.call({
        operation: "deleteKeyShareHolderGroup",
        safety: "unsafe",
        send: (a) => a.mpc.deleteKeyShareHolderGroupByIdWithHttpInfo(vaultId, groupId),
        schema: SubmittedSchema,
      });
    },

    /** Starts a key generation / reshare / recovery; the user's device then approves it via the UCW SDK. */
    createTssRequest(vaultId: string, params: CreateTssRequestParams): Promise<TSSRequest> {
      return t.call({
        operation: "createTssRequest",
        safety: "unsafe",
        send: (a) => a.mpc.createTssRequestWithHttpInfo(vaultId, { CreateTssRequestRequest: params }),
        schema: TSSRequestSchema,
      });
    },

    /** Reads one TSS request (the status poller's source of truth). */
    getTssRequest(vaultId: string, tssRequestId: string): Promise<TSSRequest> {
      return t.call({
        operation: "getTssRequest",
        safety: "read",
        send: (a) => a.mpc.getTssRequestByIdWithHttpInfo(vaultId, tssRequestId),
        schema: TSSRequestSchema,
      });
    },

    /** Lists the TSS requests that involve a group (Cobo requires the group id). */
    listTssRequests(vaultId: string, groupId: string, page: PageParams = {}): Promise<Page<TSSRequest>> {
      return t.call({
        operation: "listTssRequests",
        safety: "read",
        send: (a) => a.mpc.listTssRequestsWithHttpInfo(vaultId, groupId, page),
        schema: pageSchema(TSSRequestSchema),
      });
    },

    /** Cancels a pending TSS request (Cobo may report the cancelled request with status Success). */
    cancelTssRequest(vaultId: string, tssRequestId: string): Promise<TSSRequest> {
      return t.call({
        operation: "cancelTssRequest",
        safety: "unsafe",
        send: (a) => a.mpc.cancelTssRequestByIdWithHttpInfo(vaultId, tssRequestId),
        schema: TSSRequestSchema,
      });
    },

    /** Cobo's own key share holders (its TSS node id is needed as a source node for reshare/recovery). */
    listCoboKeyHolders(): Promise<KeyShareHolder[]> {
      return t.call({
        operation: "listCoboKeyHolders",
        safety: "read",
        send: (a) => a.mpc.listCoboKeyHoldersWithHttpInfo(),
        schema: z.array(KeyShareHolderSchema),
      });
    },
  };
}
