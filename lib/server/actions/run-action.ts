import "server-only";
import { randomUUID } from "node:crypto";
import type { ZodType } from "zod";
import { isCoboError } from "@/lib/cobo/errors";
import { isAppError, type AppError } from "@/lib/errors";
import { zodIssues } from "@/lib/http/problem";
import { findUnsafeInput } from "@/lib/http/safe-input";
import { currentRequestContext, withRequestContext } from "@/lib/log/context";
import { logger } from "@/lib/log/logger";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { ConsoleIdentity, ConsoleRole } from "@/lib/server/auth/console-users";

// The core of every console server action, free of the framework so it can be tested directly:
// who is acting (`authed`), whether their role may (`admin`), input parsing, the audit trail, and
// one result shape. Only expected AppErrors reach the user as messages; anything else is logged.

export type ActionResult<T> = { data: T } | { error: { code: string; message: string; fields?: { path: string; message: string }[] } };

export type ActionSpec<I, O> = {
  /** audit action name, e.g. "console_user.create" */
  name: string;
  role: ConsoleRole | "any";
  input: ZodType<I>;
  /** what the audit log names as the target */
  target?: (input: I, output?: O) => { type: string; id?: string };
  /** what the audit log keeps of the input besides the target (e.g. the reason an admin gave) */
  details?: (input: I) => Record<string, string | number | boolean | null>;
  run: (input: I, actor: ConsoleIdentity) => Promise<O>;
};

/**
 * What staff are told when an action fails: for a Cobo failure, which kind it was, whether Cobo
 * may have acted, what to do next, and Cobo's own words and error id (staff may see them; apps
 * never do).
 */
export function consoleMessage(error: AppError): string {
  if (!isCoboError(error)) return error.message;
  const wait = error.options.retryAfterSeconds;
  switch (error.kind) {
    case "rejected": {
      const said = error.coboErrorMessage ? ` Cobo said: “${error.coboErrorMessage}”.` : "";
      const id = error.coboErrorId ? ` Cobo error id ${error.coboErrorId}.` : "";
      return `Cobo refused it: ${error.message}${said}${id} Nothing was changed.`;
    }
    case "timeout":
    case "network":
      return "Cobo did not answer in time, so it may or may not have acted. Nothing was retried: re-read the object from Cobo before trying again.";
    case "server_error":
      return error.outcomeUnknown
        ? "Cobo failed while handling it (a server error), so it may or may not have acted. Re-read the object from Cobo before trying again."
        : `Cobo is unavailable right now; nothing was changed. Try again${wait ? ` in ${wait} seconds` : " shortly"}.`;
    case "rate_limited":
      return `Cobo is rate limiting our requests; nothing was changed. Try again${wait ? ` in ${wait} seconds` : " shortly"}.`;
    case "not_connected":
      return "Cobo could not be reached (no connection); nothing was sent or changed. Check the network and COBO_ENV, then try again.";
    case "invalid_response":
      return "Cobo answered with something its API does not document; the answer was not used. The details are in the server log.";
  }
}

/** Runs an action for `actor` (null when signed out) and records it in the audit log. */
export async function runAction<I, O>(spec: ActionSpec<I, O>, actor: ConsoleIdentity | null, raw: unknown): Promise<ActionResult<O>> {
  // The request id of the request that carries the action (set by the caller), or a fresh one.
  const requestId = currentRequestContext()?.requestId ?? randomUUID();
  return withRequestContext({ requestId, actor: actor ? `console:${actor.id}` : undefined }, async () => {
    if (!actor) return { error: { code: "unauthenticated", message: "Your session has ended. Sign in again." } };
    if (spec.role === "admin" && actor.role !== "admin") {
      await recordAudit({ actor, action: spec.name, outcome: "denied", details: { reason: "role" } });
      return { error: { code: "forbidden", message: "This action needs the admin role." } };
    }
    const unsafe = findUnsafeInput(raw);
    if (unsafe) return { error: { code: "invalid_input", message: "Please correct the highlighted fields.", fields: [unsafe] } };
    const parsed = spec.input.safeParse(raw);
    if (!parsed.success) {
      return { error: { code: "invalid_input", message: "Please correct the highlighted fields.", fields: zodIssues(parsed.error) } };
    }
    try {
      const data = await spec.run(parsed.data, actor);
      const target = spec.target?.(parsed.data, data);
      await recordAudit({ actor, action: spec.name, outcome: "succeeded", targetType: target?.type, targetId: target?.id, details: spec.details?.(parsed.data) });
      return { data };
    } catch (error) {
      const target = spec.target?.(parsed.data);
      await recordAudit({
        actor,
        action: spec.name,
        outcome: "failed",
        targetType: target?.type,
        targetId: target?.id,
        details: { ...spec.details?.(parsed.data), code: isAppError(error) ? error.code : "internal_error" },
      }).catch(() => undefined);
      if (isAppError(error)) return { error: { code: error.code, message: consoleMessage(error), fields: error.options.issues } };
      logger.error({ err: error, action: spec.name }, "console action failed");
      return { error: { code: "internal_error", message: `Something went wrong on our side; nothing is known to have changed. Quote request id ${requestId} when reporting it.` } };
    }
  });
}
