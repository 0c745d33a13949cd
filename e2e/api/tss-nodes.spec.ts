import { expect, test, type APIResponse } from "@playwright/test";
import { appUserWithVault, readyAppUser, signUpUser, type AppUser } from "../helpers/journey";

// Retiring a TSS node and reporting a Secrets backup, over real HTTP against the production
// build: the error paths with their exact problem bodies, idempotency, and a retired node refused
// where a group needs a device.

const unique = (name: string) => `${name}${Date.now()}${Math.floor(Math.random() * 1e6)}`;

async function problem(res: APIResponse, status: number): Promise<Record<string, unknown>> {
  expect(res.status(), await res.text()).toBe(status);
  expect(res.headers()["content-type"]).toBe("application/problem+json");
  const body = (await res.json()) as Record<string, unknown>;
  expect(body.requestId).toBe(res.headers()["x-request-id"]);
  return body;
}

const retire = (request: import("@playwright/test").APIRequestContext, user: AppUser, nodeId: string, data: unknown) =>
  request.post(`/api/v1/tss-nodes/${nodeId}/retire`, { headers: user.auth, data });
const backup = (request: import("@playwright/test").APIRequestContext, user: AppUser, nodeId: string, data: unknown) =>
  request.post(`/api/v1/tss-nodes/${nodeId}/secrets-backups`, { headers: user.auth, data });

test("retiring: another user's or an unknown node is 404, bad input 422; retiring twice answers the same; the node is never accepted again", async ({
  request,
}) => {
  const alice = await appUserWithVault(request, "retire-alice");
  const mallory = await signUpUser(request, "retire-mallory");

  expect(await problem(await retire(request, mallory, alice.nodeId, { reason: "not mine" }), 404)).toMatchObject({
    type: "https://ucw-console.dev/problems/not-found",
    status: 404,
    code: "not_found",
    detail: `TSS node ${alice.nodeId} was not found.`,
  });
  const unknownId = unique("neverRegistered");
  expect(await problem(await retire(request, alice, unknownId, { reason: "phone lost" }), 404)).toMatchObject({
    detail: `TSS node ${unknownId} was not found.`,
  });
  expect(await problem(await retire(request, alice, alice.nodeId, { reason: "x" }), 422)).toMatchObject({
    code: "invalid_input",
    errors: [{ path: "body.reason", message: "must be at least 3 characters" }],
  });
  expect(await problem(await retire(request, alice, "short", { reason: "phone lost" }), 422)).toMatchObject({
    errors: [expect.objectContaining({ path: "path.tss_node_id" })],
  });
  const wrongMethod = await request.get(`/api/v1/tss-nodes/${alice.nodeId}/retire`, { headers: alice.auth });
  expect((await problem(wrongMethod, 405)).code).toBe("method_not_allowed");

  // Nothing changed so far.
  const before = (await (await request.get("/api/v1/tss-nodes", { headers: alice.auth })).json()) as {
    data: { tss_node_id: string; status: string }[];
  };
  expect(before.data).toEqual([expect.objectContaining({ tss_node_id: alice.nodeId, status: "active", retirement: null })]);

  const first = await retire(request, alice, alice.nodeId, { reason: "phone lost" });
  expect(first.status()).toBe(200);
  const node = await first.json();
  expect(node).toMatchObject({ tss_node_id: alice.nodeId, status: "retired", retirement: { retired_by: "self", reason: "phone lost" } });
  const second = await retire(request, alice, alice.nodeId, { reason: "still lost" });
  expect(second.status()).toBe(200);
  expect(await second.json()).toEqual(node);

  // Final: registering it again is refused, and no Main Group can be made on it.
  expect(
    await problem(await request.post("/api/v1/tss-nodes", { headers: alice.auth, data: { tss_node_id: alice.nodeId } }), 409),
  ).toMatchObject({ code: "conflict", detail: expect.stringContaining("was retired and cannot be used again") });
  expect(
    await problem(await request.post("/api/v1/vault/main-group", { headers: alice.auth, data: { tss_node_id: alice.nodeId } }), 422),
  ).toMatchObject({
    code: "invalid_input",
    errors: [{ path: "body.tss_node_id", message: "is a retired TSS node (a lost or replaced device); use a device that is not retired" }],
  });
});

test("the vault answer shows a Main Group member's device as retired once it is", async ({ request }) => {
  const user = await readyAppUser(request, "retire-member");
  type Vault = { groups: { group_type: string; members: { tss_node_id: string; owner: string; node_status: string }[] }[] };
  const memberOf = async () => {
    const vault = (await (await request.get("/api/v1/vault", { headers: user.auth })).json()) as Vault;
    return vault.groups.find((g) => g.group_type === "MainGroup")!.members.find((m) => m.tss_node_id === user.device.nodeId);
  };
  expect(await memberOf()).toMatchObject({ owner: "user", node_status: "active" });
  expect((await retire(request, user, user.device.nodeId, { reason: "phone lost" })).status()).toBe(200);
  expect(await memberOf()).toMatchObject({ owner: "user", node_status: "retired" });
});

test("Secrets backups: validated, newest per node wins, never another user's node or a retired one", async ({ request }) => {
  const alice = await signUpUser(request, "backup-alice");
  const mallory = await signUpUser(request, "backup-mallory");
  const nodeId = unique("backupNode");
  expect((await request.post("/api/v1/tss-nodes", { headers: alice.auth, data: { tss_node_id: nodeId } })).status()).toBe(201);

  expect(await problem(await backup(request, alice, nodeId, { method: "cloud", backed_up_at: "2999-01-01T00:00:00Z" }), 422)).toMatchObject(
    {
      code: "invalid_input",
      errors: [{ path: "body.backed_up_at", message: "must not be in the future" }],
    },
  );
  expect(await problem(await backup(request, alice, nodeId, { method: "email", backed_up_at: "2026-11-01T10:00:00Z" }), 422)).toMatchObject(
    {
      errors: [expect.objectContaining({ path: "body.method" })],
    },
  );
  const withSecret = await problem(
    await backup(request, alice, nodeId, { method: "file", backed_up_at: "2026-11-01T10:00:00Z", passphrase: "correct horse battery" }),
    422,
  );
  expect(withSecret.code).toBe("invalid_input");
  expect(JSON.stringify(withSecret)).not.toContain("correct horse battery");
  expect(
    await problem(await backup(request, mallory, nodeId, { method: "cloud", backed_up_at: "2026-11-01T10:00:00Z" }), 404),
  ).toMatchObject({
    detail: `TSS node ${nodeId} was not found.`,
  });

  const recorded = await backup(request, alice, nodeId, { method: "cloud", backed_up_at: "2026-11-01T10:00:00Z" });
  expect(recorded.status()).toBe(201);
  const body = await recorded.json();
  expect(body.secrets_backup).toEqual({ method: "cloud", backed_up_at: "2026-11-01T10:00:00.000Z", reported_at: expect.any(String) });
  const older = await backup(request, alice, nodeId, { method: "manual", backed_up_at: "2026-10-01T10:00:00Z" });
  expect(older.status()).toBe(200);
  expect(await older.json()).toEqual(body);

  expect((await retire(request, alice, nodeId, { reason: "phone lost" })).status()).toBe(200);
  expect(await problem(await backup(request, alice, nodeId, { method: "cloud", backed_up_at: "2026-11-02T10:00:00Z" }), 409)).toMatchObject(
    {
      code: "conflict",
      detail: `TSS node ${nodeId} is retired: a backup of a retired device is not recorded.`,
    },
  );
});
