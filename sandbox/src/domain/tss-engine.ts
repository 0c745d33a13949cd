import { randomUUID } from "node:crypto";
import { generateEd25519RootPubkey, generateRootKey } from "../crypto/root-key.js";
import { reshare, splitRootKey } from "../crypto/shares.js";
import type { DeviceKeyShare } from "../crypto/device-secrets.js";
import type { GroupRecord, SandboxState, TssKeyShareGroupRecord, TssRequestRecord } from "../state/types.js";
import { seal } from "../relay/sealed-box.js";
import { setTssStatus } from "./mpc.js";
import { isInternalNode, type Runtime } from "./runtime.js";

// The TSS request state machine (docs/cobo.md#tss-requests): PendingKeyHolderConfirmation
// → MPCProcessing (waiting for the devices, through the relay) → KeyGenerating
// → Success, or KeyHolderConfirmationFailed / KeyGeneratingFailed.
// Key generation is real: a BIP32 root split t-of-n with Shamir (KeyGen), or the
// same root reshared to the target group (KeyGenFromKeyGroup, Recovery).

/** Who takes part in a TSS request. */
export interface TssRoles {
  /** Holders of the target group: all must approve (key generation is n-of-n). */
  target: string[];
  source: GroupRecord | null;
  /** Source signers named in the request, or null when any `threshold` source holders may sign. */
  sourceSelected: string[] | null;
}

/** The roles of a TSS request. */
export function tssRoles(state: SandboxState, r: TssRequestRecord): TssRoles {
  const target = state.groups.find((g) => g.key_share_holder_group_id === r.target_key_share_holder_group_id);
  const source = r.source_key_share_holder_group
    ? (state.groups.find((g) => g.key_share_holder_group_id === r.source_key_share_holder_group?.key_share_holder_group_id) ?? null)
    : null;
  const selected = r.source_key_share_holder_group?.tss_node_ids ?? [];
  return {
    target: target ? target.key_share_holders.map((h) => h.tss_node_id) : [],
    source,
    sourceSelected: selected.length > 0 ? selected : null,
  };
}

/** Whether `nodeId` must (or may) contribute a source key share. */
export function isSourceParticipant(roles: TssRoles, nodeId: string): boolean {
  if (!roles.source) return false;
  if (roles.sourceSelected) return roles.sourceSelected.includes(nodeId);
  return roles.source.key_share_holders.some((h) => h.tss_node_id === nodeId);
}

/** Whether `nodeId` takes part in the request at all. */
export function isTssParticipant(roles: TssRoles, nodeId: string): boolean {
  return roles.target.includes(nodeId) || isSourceParticipant(roles, nodeId);
}

/** A group's SECP256K1 TSS key share group: the one with shares (signing, resharing). */
export function secpKeyShareGroup(group: GroupRecord | null | undefined): TssKeyShareGroupRecord | undefined {
  return group?.tss_key_share_groups.find((t) => t.curve === "SECP256K1");
}

/** The TSS key share group the source holders sign with. */
export function sourceTssGroupId(roles: TssRoles): string | null {
  return secpKeyShareGroup(roles.source)?.tss_key_share_group_id ?? null;
}

/** A share the sandbox can use for `nodeId`: its own held share or one a device submitted. */
export function availableShare(
  rt: Runtime,
  state: SandboxState,
  subjectId: string,
  nodeId: string,
  tssKeyShareGroupId: string,
): string | undefined {
  const held = state.held_shares[nodeId]?.find((s) => s.tss_key_share_group_id === tssKeyShareGroupId);
  if (held) return held.share;
  return rt.submitted.get(subjectId, nodeId);
}

function approved(r: TssRequestRecord, nodeId: string): boolean {
  return r.decisions[nodeId]?.decision === "approved";
}

/** Source nodes that approved and whose share is at hand. */
function readySourceSigners(rt: Runtime, state: SandboxState, r: TssRequestRecord, roles: TssRoles): string[] {
  const tssGroupId = sourceTssGroupId(roles);
  if (!roles.source || !tssGroupId) return [];
  const candidates = roles.sourceSelected ?? roles.source.key_share_holders.map((h) => h.tss_node_id);
  return candidates.filter((n) => approved(r, n) && availableShare(rt, state, r.tss_request_id, n, tssGroupId) !== undefined);
}

function isReady(rt: Runtime, state: SandboxState, r: TssRequestRecord): boolean {
  const roles = tssRoles(state, r);
  for (const node of roles.target) {
    if (!approved(r, node)) return false;
    if (!isInternalNode(state, node) && !r.delivery_keys[node]) return false;
  }
  if (roles.source) {
    const ready = readySourceSigners(rt, state, r, roles);
    if (roles.sourceSelected) return ready.length === roles.sourceSelected.length;
    return ready.length >= roles.source.threshold;
  }
  return true;
}

/** Cobo's holder and sandbox co-signers approve by themselves (when they hold what is needed). */
function autoApprove(rt: Runtime, state: SandboxState, r: TssRequestRecord): void {
  const roles = tssRoles(state, r);
  const tssGroupId = sourceTssGroupId(roles);
  const nodes = new Set([...roles.target, ...(roles.source ? roles.source.key_share_holders.map((h) => h.tss_node_id) : [])]);
  for (const node of nodes) {
    if (!isInternalNode(state, node) || !isTssParticipant(roles, node) || r.decisions[node]) continue;
    if (isSourceParticipant(roles, node) && !roles.target.includes(node)) {
      if (!tssGroupId || availableShare(rt, state, r.tss_request_id, node, tssGroupId) === undefined) continue;
    }
    r.decisions[node] = { node_id: node, decision: "approved", at: Date.now() };
  }
}

/** One step of every open TSS request; returns the ids whose keys must be generated now. */
export function advanceTssRequests(rt: Runtime, state: SandboxState): string[] {
  const generate: string[] = [];
  for (const r of state.tss_requests) {
    if (r.status === "PendingKeyHolderConfirmation") {
      setTssStatus(rt, state, r, "MPCProcessing");
      autoApprove(rt, state, r);
    } else if (r.status === "MPCProcessing") {
      const rejected = Object.values(r.decisions).filter((d) => d.decision === "rejected");
      if (rejected.length > 0) {
        r.failed_reasons = rejected.map((d) => `TSS node ${d.node_id} rejected the request${d.reason ? `: ${d.reason}` : ""}`);
        setTssStatus(rt, state, r, "KeyHolderConfirmationFailed");
        rt.submitted.clear(r.tss_request_id);
      } else {
        autoApprove(rt, state, r);
        if (isReady(rt, state, r)) setTssStatus(rt, state, r, "KeyGenerating");
      }
    } else if (r.status === "KeyGenerating") {
      generate.push(r.tss_request_id);
    }
  }
  return generate;
}

/** What a device receives for a new key share (sealed to its delivery key). */
export type DeliveredShare = DeviceKeyShare & { xpub: string; tssRequestId: string };

/** Generates (KeyGen) or reshares (KeyGenFromKeyGroup / Recovery) the key of a request in KeyGenerating. */
export async function runKeyGeneration(rt: Runtime, requestId: string): Promise<void> {
  const state = rt.store.state;
  const r = state.tss_requests.find((x) => x.tss_request_id === requestId);
  if (!r || r.status !== "KeyGenerating") return;
  const roles = tssRoles(state, r);
  const target = state.groups.find((g) => g.key_share_holder_group_id === r.target_key_share_holder_group_id);
  let result: { shares: Record<string, string>; xpub: string; rootPubkey: string; ed25519Pubkey: string } | null = null;
  let failure: string | null = null;
  try {
    if (!target) throw new Error("target group no longer exists");
    if (r.type === "KeyGen") {
      const root = generateRootKey();
      const shares = await splitRootKey(root.xprv, target.threshold, roles.target);
      result = { shares, xpub: root.xpub, rootPubkey: root.rootPubkey, ed25519Pubkey: generateEd25519RootPubkey() };
    } else {
      const sourceTss = secpKeyShareGroup(roles.source);
      if (!roles.source || !sourceTss) throw new Error("source group holds no key shares");
      const signers = readySourceSigners(rt, state, r, roles);
      const sourceShares = signers
        .map((n) => availableShare(rt, state, r.tss_request_id, n, sourceTss.tss_key_share_group_id))
        .filter((s): s is string => s !== undefined);
      const shares = await reshare(sourceShares, sourceTss.root_pubkey, target.threshold, roles.target);
      // The ED25519 root goes along unchanged (the vault's, as Cobo reshares every curve).
      const sourceEd = roles.source?.tss_key_share_groups.find((t) => t.curve === "ED25519");
      const vault = state.vaults.find((v) => v.vault_id === r.vault_id);
      const ed25519Pubkey = sourceEd?.root_pubkey ?? vault?.root_pubkeys.find((k) => k.curve === "ED25519")?.root_pubkey ?? "";
      result = { shares, xpub: sourceTss.xpub, rootPubkey: sourceTss.root_pubkey, ed25519Pubkey };
    }
  } catch (err) {
    failure = err instanceof Error ? err.message : String(err);
  }
  await rt.store.mutate((s) => {
    const req = s.tss_requests.find((x) => x.tss_request_id === requestId);
    if (!req || req.status !== "KeyGenerating") return;
    const group = s.groups.find((g) => g.key_share_holder_group_id === req.target_key_share_holder_group_id);
    if (failure !== null || !result || !group) {
      req.failed_reasons = [`Key generation failed: ${failure ?? "target group missing"}`];
      setTssStatus(rt, s, req, "KeyGeneratingFailed");
      return;
    }
    const now = Date.now();
    const tssGroupId = randomUUID();
    group.tss_key_share_groups.push({
      tss_key_share_group_id: tssGroupId,
      curve: "SECP256K1",
      root_pubkey: result.rootPubkey,
      xpub: result.xpub,
      created_timestamp: now,
    });
    if (result.ed25519Pubkey) {
      group.tss_key_share_groups.push({
        tss_key_share_group_id: randomUUID(),
        curve: "ED25519",
        root_pubkey: result.ed25519Pubkey,
        xpub: "",
        created_timestamp: now,
      });
    }
    group.status = "Valid";
    for (const [nodeId, share] of Object.entries(result.shares)) {
      const entry: DeviceKeyShare = {
        keyShareHolderGroupId: group.key_share_holder_group_id,
        tssKeyShareGroupId: tssGroupId,
        share,
        rootPubkey: result.rootPubkey,
        threshold: group.threshold,
        participants: group.participants,
        curve: "SECP256K1",
        createdAt: now,
      };
      if (isInternalNode(s, nodeId)) {
        const held = (s.held_shares[nodeId] ??= []);
        held.push({
          tss_key_share_group_id: tssGroupId,
          key_share_holder_group_id: group.key_share_holder_group_id,
          share,
          root_pubkey: result.rootPubkey,
          threshold: group.threshold,
          participants: group.key_share_holders.map((h) => h.tss_node_id),
          created_timestamp: now,
        });
      } else {
        const key = req.delivery_keys[nodeId];
        if (!key) throw new Error(`no delivery key for ${nodeId}`);
        const delivered: DeliveredShare = { ...entry, xpub: result.xpub, tssRequestId: req.tss_request_id };
        s.deliveries.push({
          id: randomUUID(),
          node_id: nodeId,
          tss_request_id: req.tss_request_id,
          tss_key_share_group_id: tssGroupId,
          key_share_holder_group_id: group.key_share_holder_group_id,
          sealed: seal(key, JSON.stringify(delivered)),
          created_timestamp: now,
        });
      }
    }
    const vault = s.vaults.find((v) => v.vault_id === req.vault_id);
    if (vault) {
      if (req.type === "KeyGen") {
        vault.root_pubkeys = [
          { root_pubkey: result.rootPubkey, curve: "SECP256K1" },
          ...(result.ed25519Pubkey ? [{ root_pubkey: result.ed25519Pubkey, curve: "ED25519" as const }] : []),
        ];
        vault.xpub = result.xpub;
      }
      if ((req.type === "KeyGen" || req.type === "Recovery") && group.type === "MainGroup") {
        vault.active_main_group_id = group.key_share_holder_group_id;
      }
    }
    req.result_tss_key_share_group_id = tssGroupId;
    setTssStatus(rt, s, req, "Success");
  });
  rt.submitted.clear(requestId);
}

/**
 * After a restart the shares devices submitted are gone (memory only): undo
 * those approvals so the devices approve again, and send requests that were
 * generating back to MPCProcessing when their source shares are missing.
 */
export function forgetUnbackedTssApprovals(rt: Runtime, state: SandboxState): void {
  for (const r of state.tss_requests) {
    if (r.status !== "MPCProcessing" && r.status !== "KeyGenerating") continue;
    const roles = tssRoles(state, r);
    const tssGroupId = sourceTssGroupId(roles);
    if (!roles.source || !tssGroupId) continue;
    for (const [node, d] of Object.entries(r.decisions)) {
      if (d.decision !== "approved" || !isSourceParticipant(roles, node)) continue;
      if (availableShare(rt, state, r.tss_request_id, node, tssGroupId) === undefined) {
        delete r.decisions[node];
        delete r.delivery_keys[node];
      }
    }
    if (r.status === "KeyGenerating" && !isReady(rt, state, r)) r.status = "MPCProcessing";
  }
}
