import type { CallbackMessageRecord } from "../state/types.js";
import { attemptSignature, backoffMs, postSigned } from "./delivery.js";
import type { Runtime } from "./runtime.js";
import { enterPendingSignature, rejectTransaction } from "./transactions.js";

// The risk-control callback (docs/cobo.md#risk-control-callback): before a withdrawal goes to signing
// the Transaction JSON is POSTed, signed like a webhook. Only HTTP 200/201 with
// the plain-text body exactly `ok` approves, `deny` rejects (RejectedRiskControlCheck);
// anything else is retried with backoff up to the attempt limit, after which the
// message is `Failed` and the withdrawal waits for retryCallbackMessage.

/** Sends due callback messages and applies their answers. */
export class CallbackDispatcher {
  private readonly inFlight = new Set<string>();
  private stopped = false;

  constructor(private readonly rt: Runtime) {}

  /** Starts every due delivery not already running. */
  run(now = Date.now()): void {
    if (this.stopped) return;
    for (const m of this.rt.store.state.callback_messages) {
      if (m.status !== "Pending" || m.next_attempt_at > now || this.inFlight.has(m.id)) continue;
      this.inFlight.add(m.id);
      void this.deliver(m).finally(() => this.inFlight.delete(m.id));
    }
  }

  /** Stops starting deliveries and waits for those in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    while (this.inFlight.size > 0) await new Promise((r) => setTimeout(r, 10));
  }

  private async deliver(message: CallbackMessageRecord): Promise<void> {
    const rawBody = JSON.stringify(message.data);
    const cfg = this.rt.config;
    const signed = attemptSignature(this.rt.profile.current(), message.first_signature, cfg.signingSecretHex, rawBody);
    const outcome = await postSigned(message.url, rawBody, signed, cfg.callbackTimeoutMs);
    const okStatus = outcome.statusCode === 200 || outcome.statusCode === 201;
    // Cobo documents the answer as the plain-text body `ok` / `deny`, and does not
    // say that it trims it. The sandbox takes the strict reading: the body must be
    // exactly `ok` or `deny`, so `ok\n` (what `echo` or some frameworks send),
    // ` ok`, `OK` or `{"result":"ok"}` are no answer and are retried. Whatever the
    // sandbox accepts, Cobo accepts too.
    const answer = okStatus ? outcome.responseBody : "";
    await this.rt.store.mutate((state) => {
      const m = state.callback_messages.find((x) => x.id === message.id);
      if (!m || m.status !== "Pending") return;
      const now = Date.now();
      m.attempts += 1;
      m.first_signature ??= signed;
      m.updated_timestamp = now;
      const tx = state.transactions.find((t) => t.transaction_id === m.transaction_id);
      if (answer === "ok" || answer === "deny") {
        m.result = answer;
        m.status = answer === "ok" ? "Approved" : "Denied";
        if (tx && tx.status === "PendingAuthorization") {
          tx.callback_message_id = null;
          if (answer === "ok") enterPendingSignature(this.rt, state, tx);
          else rejectTransaction(this.rt, state, tx, "RejectedRiskControlCheck", "Denied by the risk-control callback");
        }
        return;
      }
      if (m.attempts >= m.max_attempts) {
        m.status = "Failed";
      } else {
        m.next_attempt_at = now + backoffMs(m.attempts, cfg.retryBaseMs, cfg.retryMaxMs);
      }
    });
  }
}
