import type { ProfileHolder } from "../control/profile.js";
import type { StateStore } from "../state/store.js";
import type { JsonObject, SandboxState } from "../state/types.js";
import { emitEvent, type WebhookEventType } from "./webhooks.js";

// What every domain module needs: the state store, settings, the in-memory pool
// of key shares devices submitted with their approvals, and a way to wake the
// engine after a change.

/** Engine settings (resolved from startSandbox options). */
export interface RuntimeConfig {
  tickMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  webhookTimeoutMs: number;
  webhookMaxAttempts: number;
  /** Risk-control callback URL; "" = no callback linked to the API key. */
  callbackUrl: string;
  callbackTimeoutMs: number;
  callbackMaxAttempts: number;
  /** The sandbox's own Ed25519 seed (hex) for webhook and callback signatures. */
  signingSecretHex: string;
  /** The trusted API key (Ed25519 public key hex). */
  apiKey: string;
}

/**
 * Key shares devices submitted with an approval (reshare sources, signers).
 * Memory only, never persisted: after a restart those approvals are undone so
 * the devices approve (and submit) again.
 */
export class SubmittedShares {
  private readonly bySubject = new Map<string, Map<string, string>>();

  /** Remembers `nodeId`'s share for a TSS request or transaction id. */
  set(subjectId: string, nodeId: string, share: string): void {
    let m = this.bySubject.get(subjectId);
    if (!m) {
      m = new Map();
      this.bySubject.set(subjectId, m);
    }
    m.set(nodeId, share);
  }

  /** The share `nodeId` submitted for `subjectId`, if any. */
  get(subjectId: string, nodeId: string): string | undefined {
    return this.bySubject.get(subjectId)?.get(nodeId);
  }

  /** Forgets every share submitted for `subjectId`. */
  clear(subjectId: string): void {
    this.bySubject.delete(subjectId);
  }

  /** Forgets everything. */
  clearAll(): void {
    this.bySubject.clear();
  }
}

/** Shared runtime of the engine. */
export interface Runtime {
  store: StateStore;
  config: RuntimeConfig;
  /** The active sandbox profile (control/profile.ts). */
  profile: ProfileHolder;
  submitted: SubmittedShares;
  /** Last time each device node talked to the relay (ms). */
  lastSeen: Map<string, number>;
  /** Asks the engine to advance and deliver soon (after a change). */
  kick(): void;
}

/** Emits a webhook event with the runtime's attempt limit (inside a mutation). */
export function emit(rt: Runtime, state: SandboxState, type: WebhookEventType, data: JsonObject): void {
  emitEvent(state, type, data, rt.config.webhookMaxAttempts);
}

/**
 * The risk-control callback URL linked to the API key: the configured one, or "" (none) when it
 * is empty or the profile says `callback_endpoint: "none"`.
 */
export function linkedCallbackUrl(rt: Runtime): string {
  return rt.profile.current().callback_endpoint === "none" ? "" : rt.config.callbackUrl;
}

/** Whether `nodeId` is run by the sandbox itself (Cobo's holder or a co-signer). */
export function isInternalNode(state: SandboxState, nodeId: string): boolean {
  return nodeId === state.cobo_node_id || state.cosigners.some((c) => c.node_id === nodeId);
}

/** Whether a node counts as online (internal nodes always; devices if seen in the last minute). */
export function isOnline(rt: Runtime, nodeId: string): boolean {
  if (isInternalNode(rt.store.state, nodeId)) return true;
  const seen = rt.lastSeen.get(nodeId);
  return seen !== undefined && Date.now() - seen < 60_000;
}
