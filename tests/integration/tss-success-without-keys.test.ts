import { describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { POST as cancelRoute } from "@/app/api/v1/tss-requests/[tss_request_id]/cancel/route";
import { POST as registerNode } from "@/app/api/v1/tss-nodes/route";
import { POST as createMainGroupRoute } from "@/app/api/v1/vault/main-group/route";
import { GET as getVault, POST as createVaultRoute } from "@/app/api/v1/vault/route";
import { getCoboGateway } from "@/lib/cobo/client";
import { syncTssRequest } from "@/lib/server/tss-requests/sync-tss-request";
import { call, setupAppHarness } from "../helpers/app-harness";
import { newAppUser, type TestAppUser } from "../helpers/app-users";
import { sandboxRequest } from "../helpers/sandbox";

// Cobo's specification can be read as reporting a *cancelled* TSS request with status `Success`
// (docs/cobo-assumptions.md). The sandbox's `cancelled_tss_status: "Success"` profile answers that
// way. A Success is believed only when the target group holds key share groups at Cobo: otherwise
// the request is recorded as failed, its group is abandoned and never becomes the Main Group, and
// a new Main Group can be started.

const app = setupAppHarness();

type Creation = { key_share_holder_group_id: string; tss_request_id: string };

async function userWithVault(prefix: string): Promise<TestAppUser & { nodeId: string; coboVaultId: string }> {
  const user = await newAppUser(prefix);
  const nodeId = `coboNode${prefix}${Date.now()}`;
  expect((await call(registerNode, { path: "/api/v1/tss-nodes", token: user.token, body: { tss_node_id: nodeId } })).status).toBe(201);
  const vault = await call(createVaultRoute, { path: "/api/v1/vault", method: "POST", token: user.token });
  expect(vault.status).toBe(201);
  return { ...user, nodeId, coboVaultId: (vault.body as { vault_id: string }).vault_id };
}

async function startMainGroup(user: TestAppUser & { nodeId: string }): Promise<Creation> {
  const res = await call(createMainGroupRoute, { path: "/api/v1/vault/main-group", token: user.token, body: { tss_node_id: user.nodeId } });
  expect([200, 201]).toContain(res.status);
  return res.body as Creation;
}

async function expectNotAMainGroup(user: TestAppUser & { coboVaultId: string }, creation: Creation): Promise<void> {
  const row = await app.db.tssRequest.findUniqueOrThrow({
    where: { coboTssRequestId: creation.tss_request_id },
    select: { status: true, finalizedAt: true, targetGroup: { select: { lifecycle: true, status: true } }, vault: true },
  });
  expect(row.status).toBe("KeyHolderConfirmationFailed");
  expect(row.finalizedAt).not.toBeNull();
  expect(row.targetGroup).toEqual({ lifecycle: "abandoned", status: "New" });
  expect(row.vault.activeMainGroupId).toBeNull();
  expect(row.vault.status).not.toBe("MainGroupGenerated");
  // Cobo's own answer is on the timeline, with why it was not believed.
  const changes = await app.db.tssRequestStatusChange.findMany({
    where: { tssRequest: { coboTssRequestId: creation.tss_request_id }, applied: true, toStatus: "KeyHolderConfirmationFailed" },
    select: { note: true, payload: true },
  });
  expect(changes).toHaveLength(1);
  expect(changes[0]?.note).toContain("holds no key share groups at Cobo");
  expect(changes[0]?.payload).toMatchObject({ status: "Success" });
  const vault = (await call(getVault, { path: "/api/v1/vault", token: user.token })).body as { main_group_id: string | null };
  expect(vault.main_group_id).toBeNull();
}

describe("a TSS request Cobo reports as Success without key share groups", () => {
  it("is recorded as failed when the app cancels it, and a new Main Group can start", { timeout: 120_000 }, async () => {
    expect((await sandboxRequest(app.sandbox, "POST", "/_sandbox/profile", { cancelled_tss_status: "Success" })).status).toBe(200);
    const user = await userWithVault("cancelapp");
    const first = await startMainGroup(user);

    const cancelled = await call(cancelRoute, {
      path: `/api/v1/tss-requests/${first.tss_request_id}/cancel`,
      params: { tss_request_id: first.tss_request_id },
      token: user.token,
      body: { reason: "wrong device" },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ tss_request_id: first.tss_request_id, status: "KeyHolderConfirmationFailed" });
    // Cobo itself says Success.
    expect((await getCoboGateway().getTssRequest(user.coboVaultId, first.tss_request_id)).status).toBe("Success");
    await expectNotAMainGroup(user, first);

    // Re-reading it (a webhook, reconciliation) changes nothing.
    expect(await syncTssRequest(first.tss_request_id, "poll")).toMatchObject({
      found: true,
      applied: false,
      status: "KeyHolderConfirmationFailed",
    });
    await expectNotAMainGroup(user, first);

    // A new attempt is accepted: the cancelled group does not block it.
    const second = await startMainGroup(user);
    expect(second.tss_request_id).not.toBe(first.tss_request_id);
    await sandboxRequest(app.sandbox, "DELETE", "/_sandbox/profile");
  });

  it("is recorded as failed when the cancellation happened at Cobo and reaches us by polling", { timeout: 120_000 }, async () => {
    expect((await sandboxRequest(app.sandbox, "POST", "/_sandbox/profile", { cancelled_tss_status: "Success" })).status).toBe(200);
    const user = await userWithVault("cancelportal");
    const creation = await startMainGroup(user);
    // Cancelled at Cobo directly (Cobo Portal, another tool): this backend only hears the status.
    await getCoboGateway().cancelTssRequest(user.coboVaultId, creation.tss_request_id);
    // Cobo may list the key share groups a moment after reporting Success: not believed, not
    // failed either; the request stays open (and is re-read) for TSS_SUCCESS_KEYS_GRACE_SECONDS.
    const waiting = await syncTssRequest(creation.tss_request_id, "poll");
    expect(waiting).toMatchObject({ found: true, applied: false });
    expect(waiting.status).not.toBe("Success");
    const open = await app.db.tssRequest.findUniqueOrThrow({
      where: { coboTssRequestId: creation.tss_request_id },
      select: {
        status: true,
        finalizedAt: true,
        targetGroup: { select: { lifecycle: true } },
        vault: { select: { activeMainGroupId: true } },
      },
    });
    expect(open).toMatchObject({ finalizedAt: null, targetGroup: { lifecycle: "pending" }, vault: { activeMainGroupId: null } });
    // a second read within the grace notes nothing new
    await syncTssRequest(creation.tss_request_id, "poll");
    expect(
      await app.db.tssRequestStatusChange.count({
        where: { tssRequest: { coboTssRequestId: creation.tss_request_id }, toStatus: "Success", applied: false },
      }),
    ).toBe(1);
    // Past the grace, with still no key share groups: no key was made, recorded as failed.
    process.env.TSS_SUCCESS_KEYS_GRACE_SECONDS = "0";
    resetEnvCache();
    try {
      const result = await syncTssRequest(creation.tss_request_id, "poll");
      expect(result).toMatchObject({ found: true, applied: true, status: "KeyHolderConfirmationFailed" });
    } finally {
      delete process.env.TSS_SUCCESS_KEYS_GRACE_SECONDS;
      resetEnvCache();
    }
    await expectNotAMainGroup(user, creation);
    await sandboxRequest(app.sandbox, "DELETE", "/_sandbox/profile");
  });

  it(
    "under the default profile a cancelled request is KeyHolderConfirmationFailed at Cobo too, recorded as it is",
    { timeout: 120_000 },
    async () => {
      const user = await userWithVault("canceldefault");
      const creation = await startMainGroup(user);
      await getCoboGateway().cancelTssRequest(user.coboVaultId, creation.tss_request_id);
      expect(await syncTssRequest(creation.tss_request_id, "poll")).toMatchObject({ applied: true, status: "KeyHolderConfirmationFailed" });
      const changes = await app.db.tssRequestStatusChange.findMany({
        where: { tssRequest: { coboTssRequestId: creation.tss_request_id }, toStatus: "KeyHolderConfirmationFailed" },
        select: { note: true, payload: true },
      });
      expect(changes).toHaveLength(1);
      expect(changes[0]?.note ?? "").not.toContain("no key share groups");
      expect(changes[0]?.payload).toMatchObject({ status: "KeyHolderConfirmationFailed" });
    },
  );
});
