import type { Hono } from "hono";
import { z } from "zod";
import { jsonBody, type AppEnv } from "../http/app-env.js";
import { parseOrThrow } from "../http/validate.js";

// Sandbox profiles: where Cobo's documentation is silent, real Cobo may behave one way or another.
// The sandbox's default is one reading; a profile switches it to another at run time, so the
// product's tests can check what it does under each (docs/cobo-assumptions.md lists them).
// `POST /_sandbox/profile` sets the active profile (the defaults plus the fields given: a POST
// replaces the previous profile, it does not merge with it), `GET` shows it, `DELETE` restores the
// defaults. Profiles live in memory only (a restart restores the defaults, or the profile given to
// startSandbox), are kept by `/_sandbox/reset`, and compose with the faults of `/_sandbox/faults`.

export const sandboxProfileSchema = z.strictObject({
  /** Unit of `Biz-Timestamp` on webhooks and callbacks. */
  timestamp_unit: z.enum(["milliseconds", "seconds"]),
  /** A retried webhook / callback is signed afresh (`fresh`) or carries the first attempt's timestamp and signature. */
  retry_signature: z.enum(["fresh", "first_attempt"]),
  /**
   * Order of a TSS request's statuses: `mpc_processing_first` (Pending → MPCProcessing while the
   * holders approve → KeyGenerating → Success) or `key_generating_first` (Pending → KeyGenerating
   * while the holders approve → MPCProcessing → Success), as Cobo's UCW guide shows it.
   * Fixed per request when it is created.
   */
  tss_status_order: z.enum(["mpc_processing_first", "key_generating_first"]),
  /** Order of `listWebhookEvents`. */
  webhook_event_order: z.enum(["newest_first", "oldest_first"]),
  /** `listWebhookEvents` lists the events of every endpoint of the organisation, or only the path's endpoint's. */
  webhook_event_scope: z.enum(["organization", "endpoint"]),
  /** Whether a risk-control callback endpoint is linked to the API key (`none`: withdrawals skip the callback). */
  callback_endpoint: z.enum(["linked", "none"]),
  /** Status a cancelled TSS request is reported with. */
  cancelled_tss_status: z.enum(["KeyHolderConfirmationFailed", "Success"]),
});

/** The active behaviour where Cobo's documentation leaves a choice. */
export type SandboxProfile = z.infer<typeof sandboxProfileSchema>;

/** The sandbox's default reading of each undocumented behaviour. */
export const DEFAULT_PROFILE: Readonly<SandboxProfile> = Object.freeze({
  timestamp_unit: "milliseconds",
  retry_signature: "fresh",
  tss_status_order: "mpc_processing_first",
  webhook_event_order: "newest_first",
  webhook_event_scope: "organization",
  callback_endpoint: "linked",
  cancelled_tss_status: "KeyHolderConfirmationFailed",
});

const profileBody = sandboxProfileSchema.partial();

/** The active profile (memory only). */
export class ProfileHolder {
  private profile: SandboxProfile;

  constructor(private readonly initial: Partial<SandboxProfile> = {}) {
    this.profile = ProfileHolder.build(initial);
  }

  private static build(given: Partial<SandboxProfile>): SandboxProfile {
    return { ...DEFAULT_PROFILE, ...parseOrThrow(profileBody, given) };
  }

  /** The active profile (a copy). */
  current(): SandboxProfile {
    return { ...this.profile };
  }

  /** Replaces the active profile with the defaults plus `given`. */
  set(given: unknown): SandboxProfile {
    this.profile = ProfileHolder.build(parseOrThrow(profileBody, given));
    return this.current();
  }

  /** Restores the profile the sandbox started with. */
  restore(): SandboxProfile {
    this.profile = ProfileHolder.build(this.initial);
    return this.current();
  }
}

/** Registers `/_sandbox/profile` (GET shows, POST sets, DELETE restores the defaults). */
export function registerProfileRoutes(app: Hono<AppEnv>, profile: ProfileHolder): void {
  app.get("/_sandbox/profile", (c) => c.json({ profile: profile.current(), defaults: { ...DEFAULT_PROFILE } }));
  app.post("/_sandbox/profile", (c) => c.json({ profile: profile.set(jsonBody(c)) }));
  app.delete("/_sandbox/profile", (c) => c.json({ profile: profile.restore() }));
}

/** `Biz-Timestamp` for a delivery made now, in the profile's unit. */
export function deliveryTimestamp(profile: SandboxProfile, now = Date.now()): string {
  return profile.timestamp_unit === "seconds" ? String(Math.floor(now / 1000)) : String(now);
}
