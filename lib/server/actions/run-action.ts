import "server-only";
import { randomUUID } from "node:crypto";
import type { ZodType } from "zod";
import { isAppError } from "@/lib/errors";
import { zodIssues } from "@/lib/http/problem";
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
      if (isAppError(error)) return { error: { code: error.code, message: error.message, fields: error.options.issues } };
      logger.error({ err: error, action: spec.name }, "console action failed");
      return { error: { code: "internal_error", message: "Something went wrong. The error was logged." } };
    }
  });
}
