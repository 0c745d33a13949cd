import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { reapplyWebhookEventAction } from "@/app/(console)/webhooks/actions";
import { runConsoleActionAs } from "@/lib/http/console-action";
import type { ConsoleIdentity } from "@/lib/server/console-users/console-users";
import { setupAppHarness } from "../helpers/app-harness";

// The console's "Re-apply" of a stored webhook event: admins only (support staff are refused on the
// server, and the refusal is audited), with a reason (kept in the audit log), only events Cobo
// signed or that were read from its API.

const app = setupAppHarness();

async function consoleUser(role: "admin" | "support"): Promise<ConsoleIdentity> {
  const u = await app.db.consoleUser.create({ data: { email: `${role}-${randomUUID()}@example.com`, role } });
  return { id: u.id, email: u.email, name: null, role };
}

const stored = (signatureResult: string, status = "failed") =>
  app.db.webhookEvent.create({
    data: {
      eventId: `reapply-${randomUUID()}`,
      type: "payment.order.created",
      rawBody: JSON.stringify({ event_id: "x", type: "payment.order.created", data: { data_type: "PaymentOrder" } }),
      signatureResult,
      status,
      lastError: "earlier failure",
    },
    select: { id: true },
  });

describe("re-applying a webhook event", () => {
  it("applies it again for an admin (audited), refuses support staff (audited, nothing changes) and unsigned events", async () => {
    const admin = await consoleUser("admin");
    const support = await consoleUser("support");
    const event = await stored("valid");
    const reason = "handler fixed in 1.4.2";

    expect(await runConsoleActionAs(reapplyWebhookEventAction, support, { id: event.id, reason })).toMatchObject({
      error: { code: "forbidden" },
    });
    expect(await app.db.webhookEvent.findUniqueOrThrow({ where: { id: event.id }, select: { status: true } })).toEqual({
      status: "failed",
    });

    // Without a reason (or a blank or overlong one) the schema refuses it: nothing is applied or audited.
    for (const input of [{ id: event.id }, { id: event.id, reason: " \t " }, { id: event.id, reason: "r".repeat(501) }]) {
      const refused = await runConsoleActionAs(reapplyWebhookEventAction, admin, input);
      expect(refused).toMatchObject({ error: { code: "invalid_input" } });
      expect("error" in refused && refused.error.fields?.map((f) => f.path)).toEqual(["reason"]);
    }
    expect(await app.db.webhookEvent.findUniqueOrThrow({ where: { id: event.id }, select: { status: true, attempts: true } })).toEqual({
      status: "failed",
      attempts: 0,
    });

    expect(await runConsoleActionAs(reapplyWebhookEventAction, admin, { id: event.id, reason: `  ${reason}  ` })).toEqual({
      data: { eventId: expect.any(String), previousStatus: "failed", status: "ignored", error: null },
    });
    expect(await app.db.webhookEvent.findUniqueOrThrow({ where: { id: event.id }, select: { status: true, attempts: true } })).toEqual({
      status: "ignored",
      attempts: 1,
    });

    const unsigned = await stored("invalid", "ignored");
    expect(await runConsoleActionAs(reapplyWebhookEventAction, admin, { id: unsigned.id, reason })).toMatchObject({
      error: { code: "conflict" },
    });
    expect(await runConsoleActionAs(reapplyWebhookEventAction, admin, { id: randomUUID(), reason })).toMatchObject({
      error: { code: "not_found" },
    });

    const audit = await app.db.auditLog.findMany({ where: { action: "webhook_event.reapply" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.actorId, a.outcome, a.targetId, a.details])).toEqual([
      [support.id, "denied", event.id, { reason: "role" }], // a refused attempt names its target too
      [admin.id, "succeeded", event.id, { reason }], // the reason as given, trimmed
      [admin.id, "failed", unsigned.id, { reason, code: "conflict" }],
      [admin.id, "failed", expect.any(String), { reason, code: "not_found" }],
    ]);
  });
});
