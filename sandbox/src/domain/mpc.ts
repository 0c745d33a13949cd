import { randomUUID } from "node:crypto";
import { CoboError, ErrorCode, invalidParam, notFound } from "../http/errors.js";
import type {
  GroupRecord,
  GroupType,
  HolderRecord,
  HolderType,
  ProjectRecord,
  SandboxState,
  TssRequestRecord,
  TssRequestType,
  VaultRecord,
} from "../state/types.js";
import { emit, type Runtime } from "./runtime.js";
import { tssRequestEventData } from "./tss-events.js";
import { reportedTssStatus, vaultWire } from "./serializers.js";

// MPC projects, vaults, key share holder groups and TSS requests (docs/cobo.md#mpc).
// Pure state operations run inside a mutation; they throw CoboError before
// changing anything when the input is refused.

/** Finds a project or throws 404. */
export function getProject(state: SandboxState, projectId: string): ProjectRecord {
  const p = state.projects.find((x) => x.project_id === projectId);
  if (!p) throw notFound("Project");
  return p;
}

/** Finds a vault or throws 404. */
export function getVault(state: SandboxState, vaultId: string): VaultRecord {
  const v = state.vaults.find((x) => x.vault_id === vaultId);
  if (!v) throw notFound("Vault");
  return v;
}

/** Finds a (not deleted) group of a vault or throws 404. */
export function getGroup(state: SandboxState, vaultId: string, groupId: string): GroupRecord {
  const g = state.groups.find((x) => x.key_share_holder_group_id === groupId && x.vault_id === vaultId && !x.deleted);
  if (!g) throw notFound("Key share holder group");
  return g;
}

/** Finds a TSS request of a vault or throws 404. */
export function getTssRequest(state: SandboxState, vaultId: string, requestId: string): TssRequestRecord {
  const r = state.tss_requests.find((x) => x.tss_request_id === requestId && x.vault_id === vaultId);
  if (!r) throw notFound("TSS request");
  return r;
}

function checkScheme(participants: number, threshold: number): void {
  if (![2, 3].includes(participants)) throw invalidParam("Invalid parameter participants: must be 2 or 3");
  if (![2, 3].includes(threshold)) throw invalidParam("Invalid parameter threshold: must be 2 or 3");
  if (threshold > participants) throw invalidParam("Invalid parameter threshold: must not exceed participants");
}

/** Creates an MPC project (2-2, 2-3 or 3-3). */
export function createProject(state: SandboxState, input: { name: string; participants: number; threshold: number }): ProjectRecord {
  checkScheme(input.participants, input.threshold);
  const project: ProjectRecord = {
    project_id: randomUUID(),
    org_id: state.org_id,
    name: input.name,
    participants: input.participants,
    threshold: input.threshold,
    created_timestamp: Date.now(),
  };
  state.projects.push(project);
  return project;
}

/** Creates a User-Controlled vault in a project and emits `mpc_vaults.created`. */
export function createVault(
  rt: Runtime,
  state: SandboxState,
  input: { name: string; vault_type: string; project_id?: string | undefined },
): VaultRecord {
  if (input.vault_type !== "User-Controlled") {
    throw invalidParam("Invalid parameter vault_type: the sandbox serves User-Controlled vaults only");
  }
  if (!input.project_id) throw new CoboError(400, ErrorCode.missingParameter, "Missing required parameter: project_id");
  getProject(state, input.project_id);
  const vault: VaultRecord = {
    vault_id: randomUUID(),
    project_id: input.project_id,
    name: input.name,
    type: "User-Controlled",
    root_pubkeys: [],
    created_timestamp: Date.now(),
    active_main_group_id: null,
    xpub: null,
  };
  state.vaults.push(vault);
  emit(rt, state, "mpc_vaults.created", { data_type: "MPCVault", ...vaultWire(vault) });
  return vault;
}

/** A holder as sent in CreateKeyShareHolderGroupRequest. */
export interface HolderInput {
  name?: string | undefined;
  type?: HolderType | undefined;
  tss_node_id?: string | undefined;
  signer?: boolean | undefined;
}

/**
 * Creates a key share holder group. As Cobo does for UCW, when fewer holders
 * than participants are listed, Cobo's own holder is added (the demo backend
 * sends only the phone's node with participants = threshold = 2).
 */
export function createGroup(
  state: SandboxState,
  vaultId: string,
  input: { key_share_holder_group_type: GroupType; participants: number; threshold: number; key_share_holders: HolderInput[] },
): GroupRecord {
  getVault(state, vaultId);
  checkScheme(input.participants, input.threshold);
  const holders: HolderRecord[] = [];
  input.key_share_holders.forEach((h, i) => {
    if (!h.tss_node_id)
      throw new CoboError(400, ErrorCode.missingParameter, `Missing required parameter: key_share_holders.${i}.tss_node_id`);
    const isCobo = h.tss_node_id === state.cobo_node_id;
    if (h.type === "Cobo" && !isCobo) {
      throw invalidParam(`Invalid parameter key_share_holders.${i}.tss_node_id: not Cobo's TSS node (see listCoboKeyHolders)`);
    }
    if (holders.some((x) => x.tss_node_id === h.tss_node_id)) {
      throw invalidParam(`Invalid parameter key_share_holders.${i}.tss_node_id: listed twice`);
    }
    holders.push({
      name: h.name ?? (isCobo ? "Cobo" : `holder-${i + 1}`),
      type: isCobo ? "Cobo" : (h.type ?? "Mobile"),
      tss_node_id: h.tss_node_id,
      signer: h.signer ?? true,
      status: "Valid",
      account_id: "",
    });
  });
  if (holders.length < input.participants && !holders.some((h) => h.tss_node_id === state.cobo_node_id)) {
    holders.unshift({ name: "Cobo", type: "Cobo", tss_node_id: state.cobo_node_id, signer: true, status: "Valid", account_id: "" });
  }
  if (holders.length !== input.participants) {
    throw invalidParam(`Invalid parameter key_share_holders: ${holders.length} holders for ${input.participants} participants`);
  }
  // `signer` designates the holders that sign transactions (Cobo's example: in 2-3, Cobo and one of
  // the other two). A Main or Signing Group with fewer designated signers than its threshold could
  // never sign a transaction. (A Recovery Group signs none.)
  const signers = holders.filter((h) => h.signer).length;
  if (input.key_share_holder_group_type !== "RecoveryGroup" && signers < input.threshold) {
    throw invalidParam(`Invalid parameter key_share_holders: ${signers} designated signers for a threshold of ${input.threshold}`);
  }
  const group: GroupRecord = {
    key_share_holder_group_id: randomUUID(),
    vault_id: vaultId,
    type: input.key_share_holder_group_type,
    participants: input.participants,
    threshold: input.threshold,
    status: "New",
    key_share_holders: holders,
    tss_key_share_groups: [],
    created_timestamp: Date.now(),
    deleted: false,
  };
  state.groups.push(group);
  return group;
}

/** Applies UpgradeToMainGroup (Signing Group → Main Group). */
export function updateGroup(state: SandboxState, vaultId: string, groupId: string, action: string): GroupRecord {
  const group = getGroup(state, vaultId, groupId);
  if (action !== "UpgradeToMainGroup") throw invalidParam("Invalid parameter update_key_share_holder_group_action");
  if (group.type !== "SigningGroup") throw invalidParam("Only a Signing Group can be upgraded to a Main Group");
  if (group.status !== "Valid") throw invalidParam("Only a Valid group can be upgraded to a Main Group");
  group.type = "MainGroup";
  return group;
}

function isOpen(r: TssRequestRecord): boolean {
  return r.status === "PendingKeyHolderConfirmation" || r.status === "MPCProcessing" || r.status === "KeyGenerating";
}

/** Deletes a group that is not the vault's active Main Group and has no open TSS request. */
export function deleteGroup(state: SandboxState, vaultId: string, groupId: string): void {
  const group = getGroup(state, vaultId, groupId);
  const vault = getVault(state, vaultId);
  if (vault.active_main_group_id === groupId) throw invalidParam("The vault's active Main Group cannot be deleted");
  const busy = state.tss_requests.some(
    (r) =>
      isOpen(r) &&
      (r.target_key_share_holder_group_id === groupId || r.source_key_share_holder_group?.key_share_holder_group_id === groupId),
  );
  if (busy) throw invalidParam("The group is used by a TSS request in progress");
  group.deleted = true;
}

/** Creates a TSS request (KeyGen, KeyGenFromKeyGroup or Recovery) and emits `created`. */
export function createTssRequest(
  rt: Runtime,
  state: SandboxState,
  vaultId: string,
  input: {
    type: TssRequestType;
    target_key_share_holder_group_id: string;
    source_key_share_holder_group?: { key_share_holder_group_id: string; tss_node_ids?: string[] | undefined } | undefined;
    description?: string | undefined;
  },
): TssRequestRecord {
  const vault = getVault(state, vaultId);
  const target = getGroup(state, vaultId, input.target_key_share_holder_group_id);
  if (target.status !== "New" || target.tss_key_share_groups.length > 0) {
    throw invalidParam("Invalid parameter target_key_share_holder_group_id: the group already holds key shares");
  }
  if (state.tss_requests.some((r) => isOpen(r) && r.target_key_share_holder_group_id === target.key_share_holder_group_id)) {
    throw invalidParam("Invalid parameter target_key_share_holder_group_id: a TSS request for this group is in progress");
  }
  let source: TssRequestRecord["source_key_share_holder_group"] = null;
  if (input.type === "KeyGen") {
    if (target.type !== "MainGroup") throw invalidParam("Invalid parameter target_key_share_holder_group_id: KeyGen needs a Main Group");
    if (vault.xpub !== null) throw invalidParam("Invalid parameter type: the vault already has a key; use KeyGenFromKeyGroup or Recovery");
    if (input.source_key_share_holder_group) throw invalidParam("Invalid parameter source_key_share_holder_group: not used by KeyGen");
  } else {
    if (!input.source_key_share_holder_group) {
      throw new CoboError(400, ErrorCode.missingParameter, "Missing required parameter: source_key_share_holder_group");
    }
    const src = getGroup(state, vaultId, input.source_key_share_holder_group.key_share_holder_group_id);
    if (src.status !== "Valid" || src.tss_key_share_groups.length === 0) {
      throw invalidParam("Invalid parameter source_key_share_holder_group: the group holds no key shares yet");
    }
    if (input.type === "KeyGenFromKeyGroup") {
      if (src.type !== "MainGroup")
        throw invalidParam("Invalid parameter source_key_share_holder_group: KeyGenFromKeyGroup starts from a Main Group");
      if (target.type === "MainGroup")
        throw invalidParam("Invalid parameter target_key_share_holder_group_id: KeyGenFromKeyGroup creates a Signing or Recovery Group");
    } else {
      if (src.type !== "RecoveryGroup")
        throw invalidParam("Invalid parameter source_key_share_holder_group: Recovery starts from a Recovery Group");
      if (target.type !== "MainGroup")
        throw invalidParam("Invalid parameter target_key_share_holder_group_id: Recovery creates a Main Group");
    }
    const ids = input.source_key_share_holder_group.tss_node_ids ?? [];
    const members = new Set(src.key_share_holders.map((h) => h.tss_node_id));
    ids.forEach((id, i) => {
      if (!members.has(id))
        throw invalidParam(`Invalid parameter source_key_share_holder_group.tss_node_ids.${i}: not a holder of the source group`);
    });
    if (new Set(ids).size !== ids.length)
      throw invalidParam("Invalid parameter source_key_share_holder_group.tss_node_ids: repeated node id");
    if (ids.length > 0 && ids.length < src.threshold) {
      throw invalidParam(`Invalid parameter source_key_share_holder_group.tss_node_ids: the source group needs ${src.threshold} signers`);
    }
    source = { key_share_holder_group_id: src.key_share_holder_group_id, tss_node_ids: [...ids] };
  }
  const now = Date.now();
  const request: TssRequestRecord = {
    tss_request_id: randomUUID(),
    vault_id: vaultId,
    type: input.type,
    status: "PendingKeyHolderConfirmation",
    target_key_share_holder_group_id: target.key_share_holder_group_id,
    source_key_share_holder_group: source,
    description: input.description ?? "",
    created_timestamp: now,
    updated_timestamp: now,
    decisions: {},
    delivery_keys: {},
    cancelled: false,
    failed_reasons: [],
    result_tss_key_share_group_id: null,
    status_order: rt.profile.current().tss_status_order,
  };
  state.tss_requests.push(request);
  emit(rt, state, "wallets.mpc.tss_request.created", tssRequestEventData(request));
  return request;
}

/**
 * Cancels a TSS request that has not started generating keys. It is reported as
 * `KeyHolderConfirmationFailed`, or as `Success` under the `cancelled_tss_status: "Success"`
 * profile (Cobo's specification can be read that way); either way no key is generated and the
 * target group stays `New` without key share groups.
 */
export function cancelTssRequest(rt: Runtime, state: SandboxState, vaultId: string, requestId: string): TssRequestRecord {
  const request = getTssRequest(state, vaultId, requestId);
  if (request.status !== "PendingKeyHolderConfirmation" && request.status !== "MPCProcessing") {
    throw invalidParam(`The TSS request cannot be cancelled in status ${reportedTssStatus(request)}`);
  }
  request.cancelled = true;
  request.failed_reasons = ["Cancelled by API"];
  setTssStatus(rt, state, request, rt.profile.current().cancelled_tss_status);
  rt.submitted.clear(request.tss_request_id);
  return request;
}

/** Moves a TSS request to `status` and emits `updated` (+ `succeeded` / `failed`). */
export function setTssStatus(rt: Runtime, state: SandboxState, request: TssRequestRecord, status: TssRequestRecord["status"]): void {
  if (request.status === status) return;
  request.status = status;
  request.updated_timestamp = Date.now();
  const data = tssRequestEventData(request);
  emit(rt, state, "wallets.mpc.tss_request.updated", data);
  if (status === "Success") emit(rt, state, "wallets.mpc.tss_request.succeeded", data);
  if (status === "KeyHolderConfirmationFailed" || status === "KeyGeneratingFailed") emit(rt, state, "wallets.mpc.tss_request.failed", data);
}

/** Cobo's own key share holder, as listCoboKeyHolders returns it. */
export function coboHolder(state: SandboxState): HolderRecord {
  return { name: "Cobo", type: "Cobo", tss_node_id: state.cobo_node_id, signer: true, status: "Valid", account_id: "" };
}
