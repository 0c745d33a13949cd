import type { ProfileHolder } from "../control/profile.js";
import type { StateStore } from "../state/store.js";
import { CallbackDispatcher } from "./callbacks.js";
import { SubmittedShares, type Runtime, type RuntimeConfig } from "./runtime.js";
import { advanceTransactions, forgetUnbackedSignatures, signTransaction } from "./transactions.js";
import { advanceTssRequests, forgetUnbackedTssApprovals, runKeyGeneration } from "./tss-engine.js";
import { WebhookDispatcher } from "./webhooks.js";

// Drives everything automatic on a timer (`tickMs`): one state-machine step per
// tick for TSS requests and transactions, key generation and signing when
// ready, and webhook / callback deliveries (also started right after changes).

/** The sandbox's background engine. */
export class Engine {
  readonly rt: Runtime;
  private readonly webhooks: WebhookDispatcher;
  private readonly callbacks: CallbackDispatcher;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private readonly work = new Map<string, Promise<void>>();
  private deliverScheduled = false;
  private stopped = false;

  constructor(store: StateStore, config: RuntimeConfig, profile: ProfileHolder) {
    this.rt = {
      store,
      config,
      profile,
      submitted: new SubmittedShares(),
      lastSeen: new Map(),
      kick: () => this.kickDeliveries(),
    };
    this.webhooks = new WebhookDispatcher(store, {
      secretHex: config.signingSecretHex,
      timeoutMs: config.webhookTimeoutMs,
      retryBaseMs: config.retryBaseMs,
      retryMaxMs: config.retryMaxMs,
      maxConcurrent: 16,
      maxLogs: 5000,
      profile: () => profile.current(),
    });
    this.callbacks = new CallbackDispatcher(this.rt);
  }

  /** Undoes approvals whose shares died with the last process, then starts the timer. */
  async start(): Promise<void> {
    await this.rt.store.mutate((state) => {
      forgetUnbackedTssApprovals(this.rt, state);
      forgetUnbackedSignatures(this.rt, state);
    });
    this.timer = setInterval(() => void this.tick(), this.rt.config.tickMs);
    this.kickDeliveries();
  }

  /** Runs one step now (also used by the timer); concurrent calls share the running step. */
  tick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (!this.ticking) {
      this.ticking = this.step()
        .catch((err: unknown) => {
          console.error(`[sandbox] engine step failed: ${err instanceof Error ? err.message : String(err)}`);
        })
        .finally(() => {
          this.ticking = null;
        });
    }
    return this.ticking;
  }

  /** Stops the timer and waits for running work and deliveries. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.ticking) await this.ticking;
    await Promise.allSettled([...this.work.values()]);
    await this.webhooks.stop();
    await this.callbacks.stop();
  }

  private async step(): Promise<void> {
    const state = this.rt.store.state;
    const tssOpen = state.tss_requests.some(
      (r) => r.status !== "Success" && r.status !== "KeyHolderConfirmationFailed" && r.status !== "KeyGeneratingFailed",
    );
    if (tssOpen) {
      const generate = await this.rt.store.mutate((s) => advanceTssRequests(this.rt, s));
      for (const id of generate) this.startWork(`tss:${id}`, () => runKeyGeneration(this.rt, id));
    }
    const txOpen = state.transactions.some((t) => t.status !== "Completed" && t.status !== "Failed" && t.status !== "Rejected");
    if (txOpen) {
      const sign = await this.rt.store.mutate((s) => advanceTransactions(this.rt, s));
      for (const id of sign) this.startWork(`tx:${id}`, () => signTransaction(this.rt, id));
    }
    this.deliver();
  }

  private startWork(key: string, fn: () => Promise<void>): void {
    if (this.work.has(key) || this.stopped) return;
    const p = fn()
      .catch((err: unknown) => {
        console.error(`[sandbox] ${key.split(":")[0] ?? "work"} failed: ${err instanceof Error ? err.message : String(err)}`);
      })
      .finally(() => {
        this.work.delete(key);
        this.kickDeliveries();
      });
    this.work.set(key, p);
  }

  private deliver(): void {
    if (this.stopped) return;
    this.webhooks.run();
    this.callbacks.run();
  }

  private kickDeliveries(): void {
    if (this.deliverScheduled || this.stopped) return;
    this.deliverScheduled = true;
    setImmediate(() => {
      this.deliverScheduled = false;
      this.deliver();
    });
  }
}
