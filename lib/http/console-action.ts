import "server-only";
import { randomUUID } from "node:crypto";
import { refresh } from "next/cache";
import { headers } from "next/headers";
import type { ZodType } from "zod";
import { APPROVAL_PENDING, type ActionResult, type ServerAction } from "@/components/actions/action-result";
import { consoleActor, type ConsoleActor } from "@/lib/actor";
import { AppError, isAppError } from "@/lib/errors";
import { zodIssues } from "@/lib/http/problem";
import { findUnsafeInput } from "@/lib/safe-input";
import { currentRequestContext, requestIdFrom, withRequestContext } from "@/lib/log/context";
import { logger } from "@/lib/log/logger";
import { consoleMessage } from "@/lib/http/console-message";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { getConsoleUser } from "@/lib/http/console-session";
import type { ConsoleIdentity } from "@/lib/server/console-users/console-users";
import { crossOriginRefusal } from "@/lib/http/csrf";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ApprovalCategory } from "@/lib/domain/approvals";
import { approvalRequired } from "@/lib/server/approvals/approval-policy";
import {
  approvalReasonInput,
  claimApprovalRequest,
  createApprovalRequest,
  finishApprovalRequest,
} from "@/lib/server/approvals/approval-requests";
import { mustEnrolTotp, TWO_FACTOR_REQUIRED_MESSAGE } from "@/lib/server/console-users/two-factor";

// The console's action client: every server action in app/(console)/<area>/actions.ts is
//
//     export const doThingAction = consoleAction({ name, role, input, target, details, run });
//
// and this file does the rest, in this order: the request id (the one the proxy gave the POST),
// the signed-in console user (re-read on every call), the same-origin check, the role check
// (a refusal is audited as denied, naming the target when the input parses), input parsing (an object or FormData; NUL and lone surrogates
// are refused first; zod issues become field errors), the call, the audit row (who, what, which
// target, succeeded or failed with the error's code), the result shape the forms render
// (components/actions/action-result.ts; only expected AppErrors reach staff as messages, through
// consoleMessage, anything else is logged with the request id), and, when something changed, a
// refresh of the page the form sits on.
//
// Server actions are public endpoints: whatever a page renders, the role and the schema here
// decide. Next.js refuses an action whose Origin names another host before it runs; this client
// also refuses one that names no origin at all or only a foreign Referer, the policy
// lib/http/csrf.ts applies to everything the session cookie authorises.
//
// Second-person approval. A definition may declare `approval`: the category of sensitive action it
// is ("recovery", "unpause", "risk_rules", "new_admin", "approval_policy"), or a function of the
// parsed input giving the category or null (e.g. only when the new user's role is admin). After
// the role check and parsing, when the admins' policy (lib/server/approvals/approval-policy.ts)
// requires approval for that category, the action is NOT run: the input's `reason` is required,
// a pending request is stored (approval_requests: the action's name, its parsed input, or what
// `approvalStash.save` makes of it when the input holds a secret, the target, requester and reason,
// expiring after 24 h), audited as `approval.request`, and the form is answered with the error code
// `approval_pending` (the form shows it as a notice, not a failure). Another admin approves it on
// the Approvals page: `runApprovedRequest` claims it with one conditional update (pending and not
// expired → approved; so it runs at most once, however many admins click at once), re-checks that
// the requester is still an active admin, and runs the stored input through the same definition
// (parse, run, audit) as the requester, the audit row naming both (`requestedBy`, `approvedBy`,
// `approvalRequestId`); the result or failure is recorded on the request. Without a category, or
// with the policy off, the action runs at once as before (the reason, when given, is audited).
//
// Why not next-safe-action (8.7.3 installs, and fits Next 16, React 19 and zod 4): its result shape
// ({data, serverError, validationErrors}) is not the one the forms and tests use, its middleware
// cannot see the parsed input, so the audit row would be split over middleware and callbacks, and
// it has no way to run an action for a given console user without a Next.js request, which the
// integration tests need (runConsoleActionAs). The pipeline above is this file.

export type ConsoleActionDefinition<I, O> = {
  /** audit action name, e.g. "console_user.create" */
  name: string;
  /** admin: admins only (support staff are refused and the refusal is audited); any: every console user */
  role: "admin" | "any";
  input: ZodType<I>;
  /** the domain call; `actor` is the signed-in console user. (Write it before `target`: its result type is inferred from here.) */
  run: (input: I, actor: ConsoleActor) => Promise<O>;
  /** what the audit log names as the target (`output` is there when the action succeeded) */
  target?: (input: I, output?: NoInfer<O>) => { type: string; id?: string };
  /** what the audit log keeps of the input besides the target (e.g. the reason an admin gave) */
  details?: (input: I) => Record<string, string | number | boolean | null>;
  /**
   * Second-person approval (see the top of this file): the category of this call, or a function of
   * the input giving it (null: this input needs none). A call whose category the policy requires
   * is stored as a pending request instead of run.
   */
  approval?: ApprovalCategory | ((input: I) => ApprovalCategory | null | Promise<ApprovalCategory | null>);
  /**
   * Only for an input that holds a secret: what a request stores instead of the input (never the
   * secret: a password becomes its hash), how that stored form runs once approved, and its audit target.
   */
  approvalStash?: {
    save: (input: I) => Promise<Record<string, string | number | boolean | null>>;
    run: (stored: Record<string, unknown>, actor: ConsoleActor) => Promise<O>;
    target?: (stored: Record<string, unknown>, output?: NoInfer<O>) => { type: string; id?: string };
  };
  /**
   * true: also for an admin who must set up two-factor authentication and has not yet (the
   * enrolment itself); every other action refuses them, audited as denied.
   */
  beforeTwoFactor?: boolean;
};

const DEFINITION = Symbol.for("ucw-console.console-action");

type DefinedAction<O> = ServerAction<O> & { [DEFINITION]?: ConsoleActionDefinition<unknown, O> };

const INVALID = "Please correct the highlighted fields.";

/** Makes a console server action from its definition (see the top of this file). */
export function consoleAction<I, O>(definition: ConsoleActionDefinition<I, O>): ServerAction<O> {
  const action = async (input: unknown): Promise<ActionResult<O>> => {
    const h = await headers();
    const result = await withRequestContext({ requestId: requestIdFrom(h.get("x-request-id")) }, async () =>
      execute(definition, await getConsoleUser(), input, originRefusal(h)),
    );
    // Only when something changed (or a request for approval was stored): the page re-renders with
    // the new state in the same round trip.
    if ("data" in result || result.error.code === APPROVAL_PENDING) refresh();
    return result;
  };
  Object.defineProperty(action, DEFINITION, { value: definition });
  return action;
}

/**
 * For tests: runs `action` as `identity` (null: signed out) without a Next.js request: no
 * same-origin check (there are no headers) and no refresh; everything else as in production.
 */
export function runConsoleActionAs<O>(action: ServerAction<O>, identity: ConsoleIdentity | null, input: unknown): Promise<ActionResult<O>> {
  return execute(definitionOf(action), identity, input, null);
}

/** For tests: the audit name and role of an action made by consoleAction. */
export function consoleActionInfo(action: ServerAction<unknown>): { name: string; role: "admin" | "any" } {
  const { name, role } = definitionOf(action);
  return { name, role };
}

function definitionOf<O>(action: ServerAction<O>): ConsoleActionDefinition<unknown, O> {
  const definition = (action as DefinedAction<O>)[DEFINITION];
  if (!definition) throw new Error("not a console action (make it with consoleAction)");
  return definition;
}

async function execute<I, O>(
  def: ConsoleActionDefinition<I, O>,
  identity: ConsoleIdentity | null,
  raw: unknown,
  crossOrigin: string | null,
): Promise<ActionResult<O>> {
  // The request id of the request that carries the action (set by the caller), or a fresh one.
  const requestId = currentRequestContext()?.requestId ?? randomUUID();
  const actor = identity ? consoleActor(identity) : undefined;
  return withRequestContext({ requestId, actor }, async () => {
    if (!actor) return { error: { code: "unauthenticated", message: "Your session has ended. Sign in again." } };
    if (crossOrigin) return { error: { code: "forbidden", message: crossOrigin } };
    if (!def.beforeTwoFactor && identity && (await mustEnrolTotp(identity))) {
      const target = deniedTarget(def, raw);
      await recordAudit({
        actor,
        action: def.name,
        outcome: "denied",
        targetType: target?.type,
        targetId: target?.id,
        details: { reason: "two_factor_required" },
      });
      return { error: { code: "forbidden", message: TWO_FACTOR_REQUIRED_MESSAGE } };
    }
    if (def.role === "admin" && actor.role !== "admin") {
      // The refusal names what was asked for, when the input says (it is parsed only for that).
      const target = deniedTarget(def, raw);
      await recordAudit({
        actor,
        action: def.name,
        outcome: "denied",
        targetType: target?.type,
        targetId: target?.id,
        details: { reason: "role" },
      });
      return { error: { code: "forbidden", message: "This action needs the admin role." } };
    }
    const plain = plainInput(raw);
    const unsafe = findUnsafeInput(plain);
    if (unsafe) return { error: { code: "invalid_input", message: INVALID, fields: [unsafe] } };
    const parsed = def.input.safeParse(plain);
    if (!parsed.success) return { error: { code: "invalid_input", message: INVALID, fields: zodIssues(parsed.error) } };
    const input = parsed.data;
    // The reason of a call that belongs to an approval category (its form always asks for one).
    let reason: string | undefined;
    try {
      const category = await approvalCategory(def, input);
      if (category) {
        const given = approvalReasonInput.safeParse(reasonOf(plain));
        if (given.success) reason = given.data;
        if (await approvalRequired(category)) {
          if (!given.success)
            return {
              error: { code: "invalid_input", message: INVALID, fields: [{ path: "reason", message: given.error.issues[0]!.message }] },
            };
          return await requestApproval(def, input, category, given.data, actor);
        }
      }
      const data = await def.run(input, actor);
      const target = def.target?.(input, data);
      await recordAudit({
        actor,
        action: def.name,
        outcome: "succeeded",
        targetType: target?.type,
        targetId: target?.id,
        details: withReason(def.details?.(input), reason),
      });
      return { data };
    } catch (error) {
      const target = def.target?.(input);
      await recordAudit({
        actor,
        action: def.name,
        outcome: "failed",
        targetType: target?.type,
        targetId: target?.id,
        details: { ...withReason(def.details?.(input), reason), code: isAppError(error) ? error.code : "internal_error" },
      }).catch(() => undefined);
      if (isAppError(error)) return { error: { code: error.code, message: consoleMessage(error), fields: error.options.issues } };
      logger.error({ err: error, action: def.name }, "console action failed");
      return {
        error: {
          code: "internal_error",
          message: `Something went wrong on our side; nothing is known to have changed. Quote request id ${requestId} when reporting it.`,
        },
      };
    }
  });
}

async function approvalCategory<I, O>(def: ConsoleActionDefinition<I, O>, input: I): Promise<ApprovalCategory | null> {
  if (!def.approval) return null;
  return typeof def.approval === "function" ? await def.approval(input) : def.approval;
}

function reasonOf(plain: unknown): unknown {
  return plain && typeof plain === "object" && "reason" in plain ? (plain as { reason: unknown }).reason : undefined;
}

function withReason(
  details: Record<string, string | number | boolean | null> | undefined,
  reason: string | undefined,
): Record<string, string | number | boolean | null> | undefined {
  return reason === undefined ? details : { ...details, reason };
}

/** Stores the call as a pending approval request (nothing of the action runs) and tells the form so. */
async function requestApproval<I, O>(
  def: ConsoleActionDefinition<I, O>,
  input: I,
  category: ApprovalCategory,
  reason: string,
  actor: ConsoleActor,
): Promise<ActionResult<O>> {
  const target = def.target?.(input);
  const stored = def.approvalStash
    ? await def.approvalStash.save(input)
    : (JSON.parse(JSON.stringify(input ?? {})) as Prisma.InputJsonValue);
  const request = await createApprovalRequest({ category, action: def.name, input: stored, target, reason, requester: actor });
  await recordAudit({
    actor,
    action: "approval.request",
    outcome: "succeeded",
    targetType: "approval_request",
    targetId: request.id,
    details: {
      ...(def.approvalStash ? {} : def.details?.(input)),
      action: def.name,
      category,
      reason,
      subject: target ? `${target.type}${target.id ? `:${target.id}` : ""}` : null,
    },
  });
  return {
    error: {
      code: APPROVAL_PENDING,
      message: "Sent for approval: nothing has changed yet. A second admin must approve it on the Approvals page within 24 hours.",
      approvalId: request.id,
    },
  };
}

export type ApprovedRun = { id: string; status: "approved" | "failed"; action: string; message: string };

/**
 * Approves a pending request as `approver` and runs its action once (see the top of this file).
 * `actions` are the console actions a request may name (app/(console)/approvals/approvable-actions.ts).
 * Refusals (own request, not pending, expired, requester no longer an active admin) throw AppErrors;
 * the action's own failure is recorded on the request and returned as `failed`.
 */
export async function runApprovedRequest(id: string, approver: ConsoleActor, actions: ServerAction<unknown>[]): Promise<ApprovedRun> {
  const { request, requester } = await claimApprovalRequest(id, approver);
  const def = actions.map((a) => definitionOf(a)).find((d) => d.name === request.action);
  const actor = consoleActor(requester);
  const requestId = currentRequestContext()?.requestId ?? randomUUID();
  const context = { approvalRequestId: id, requestedBy: requester.email, approvedBy: approver.email, reason: request.reason };
  return withRequestContext({ requestId, actor }, async () => {
    let target: { type: string; id?: string } | undefined =
      request.targetType !== null ? { type: request.targetType, id: request.targetId ?? undefined } : undefined;
    let details: Record<string, string | number | boolean | null> | undefined;
    try {
      if (!def) throw new AppError("not_found", `The action ${request.action} no longer exists.`);
      const stored = (request.input ?? {}) as Record<string, unknown>;
      let data: unknown;
      if (def.approvalStash) {
        data = await def.approvalStash.run(stored, actor);
        target = def.approvalStash.target?.(stored, data) ?? target;
      } else {
        const parsed = def.input.safeParse(stored);
        if (!parsed.success) throw new AppError("invalid_input", "The stored input no longer passes the action's checks.");
        details = def.details?.(parsed.data);
        data = await def.run(parsed.data, actor);
        target = def.target?.(parsed.data, data) ?? target;
      }
      await recordAudit({
        actor,
        action: def.name,
        outcome: "succeeded",
        targetType: target?.type,
        targetId: target?.id,
        details: { ...details, ...context },
      });
      await finishApprovalRequest(id, { ok: true, summary: summarize(data) });
      return { id, status: "approved", action: request.action, message: "Approved: the change was made." };
    } catch (error) {
      const code = isAppError(error) ? error.code : "internal_error";
      const message = isAppError(error)
        ? consoleMessage(error)
        : `Something went wrong on our side. Quote request id ${requestId} when reporting it.`;
      if (!isAppError(error)) logger.error({ err: error, action: request.action }, "approved console action failed");
      await recordAudit({
        actor,
        action: request.action,
        outcome: "failed",
        targetType: target?.type,
        targetId: target?.id,
        details: { ...details, ...context, code },
      }).catch(() => undefined);
      await finishApprovalRequest(id, { ok: false, code, message });
      return { id, status: "failed", action: request.action, message: `Approved, but the action failed: ${message}` };
    }
  });
}

/** A small JSON copy of an approved action's answer for the request row (large or odd answers are left out). */
function summarize(data: unknown): Prisma.InputJsonValue {
  try {
    const text = JSON.stringify(data ?? null);
    return text.length <= 4000 ? (JSON.parse(text) as Prisma.InputJsonValue) : { note: "answer too large to keep" };
  } catch {
    return { note: "answer not kept" };
  }
}

/** The target a refused call named, if its input parses; never throws (a refusal is recorded regardless). */
function deniedTarget<I, O>(def: ConsoleActionDefinition<I, O>, raw: unknown): { type: string; id?: string } | undefined {
  try {
    const plain = plainInput(raw);
    if (findUnsafeInput(plain)) return undefined;
    const parsed = def.input.safeParse(plain);
    return parsed.success ? def.target?.(parsed.data) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * FormData (a form posted without JavaScript) as a plain object: one value per name, a list for a
 * name given more than once or ending in "[]" ("nodeIds[]" → nodeIds). Files and Next.js's own
 * fields ($ACTION_…) are left out. Anything else is passed on as it came.
 */
function plainInput(raw: unknown): unknown {
  if (!(raw instanceof FormData)) return raw;
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(raw.keys())) {
    if (key.startsWith("$ACTION_")) continue;
    const values = raw.getAll(key).filter((v): v is string => typeof v === "string");
    const list = key.endsWith("[]");
    const name = list ? key.slice(0, -2) : key;
    if (values.length === 0 && !list) continue;
    out[name] = list || values.length > 1 ? values : values[0]!;
  }
  return out;
}

/** Why this action's request does not come from the console's own origin, or null when it does. */
function originRefusal(h: Headers): string | null {
  const forwardedProto = h.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const scheme = forwardedProto === "https" ? "https" : "http";
  const own: Record<string, string> = {};
  for (const name of ["host", "origin", "referer"]) {
    const value = h.get(name);
    if (value !== null) own[name] = value;
  }
  try {
    return crossOriginRefusal(new Request(`${scheme}://${own.host ?? "localhost"}/`, { method: "POST", headers: own }));
  } catch {
    return "This request comes from an opaque or unknown origin.";
  }
}
