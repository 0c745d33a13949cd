import type { Hono } from "hono";
import { z } from "zod";
import { jsonBody, param, queryOf, type AppEnv } from "../http/app-env.js";
import { CoboError, ErrorCode } from "../http/errors.js";
import { paginate } from "../http/pagination.js";
import { nonEmpty, pageQuery, parseOrThrow } from "../http/validate.js";
import {
  cancelTssRequest,
  coboHolder,
  createGroup,
  createProject,
  createTssRequest,
  createVault,
  deleteGroup,
  getGroup,
  getProject,
  getTssRequest,
  getVault,
  updateGroup,
} from "../domain/mpc.js";
import { isOnline, type Runtime } from "../domain/runtime.js";
import { groupWire, holderWire, projectWire, tssRequestWire, vaultWire } from "../domain/serializers.js";

// WalletsMPCWalletsApi: projects, vaults, key share holder groups, TSS requests
// and Cobo's key share holders, under /v2/wallets/mpc.

const schemeNumber = z.number().int();
const createProjectBody = z.object({ name: nonEmpty, participants: schemeNumber, threshold: schemeNumber });
const nameBody = z.object({ name: nonEmpty });
const createVaultBody = z.object({
  name: nonEmpty,
  vault_type: z.enum(["Org-Controlled", "User-Controlled"]),
  project_id: nonEmpty.optional(),
});
const groupType = z.enum(["MainGroup", "SigningGroup", "RecoveryGroup"]);
const createGroupBody = z.object({
  key_share_holder_group_type: groupType,
  participants: schemeNumber,
  threshold: schemeNumber,
  key_share_holders: z
    .array(
      z.object({
        name: z.string().optional(),
        type: z.enum(["Cobo", "Mobile", "API"]).optional(),
        tss_node_id: nonEmpty.optional(),
        signer: z.boolean().optional(),
      }),
    )
    .min(1),
});
const updateGroupBody = z.object({ update_key_share_holder_group_action: z.enum(["UpgradeToMainGroup"]) });
const createTssBody = z.object({
  type: z.enum(["KeyGen", "KeyGenFromKeyGroup", "Recovery"]),
  target_key_share_holder_group_id: nonEmpty,
  source_key_share_holder_group: z.object({ key_share_holder_group_id: nonEmpty, tss_node_ids: z.array(nonEmpty).optional() }).optional(),
  description: z.string().optional(),
});
const listVaultsQuery = pageQuery.extend({
  vault_type: z.enum(["Org-Controlled", "User-Controlled"]),
  project_id: nonEmpty.optional(),
});
const listGroupsQuery = pageQuery.extend({ key_share_holder_group_type: groupType.optional() });
const listTssQuery = pageQuery.extend({ key_share_holder_group_id: nonEmpty });

/** Registers the MPC wallet routes. */
export function registerMpcRoutes(app: Hono<AppEnv>, rt: Runtime): void {
  const { store } = rt;
  const online = (nodeId: string) => isOnline(rt, nodeId);

  app.post("/v2/wallets/mpc/projects", async (c) => {
    const body = parseOrThrow(createProjectBody, jsonBody(c));
    const project = await store.mutate((s) => projectWire(createProject(s, body)));
    return c.json(project, 201);
  });
  app.get("/v2/wallets/mpc/projects", (c) => {
    const q = parseOrThrow(pageQuery, queryOf(c));
    const items = [...store.state.projects].reverse();
    const page = paginate(items, (p) => p.project_id, q);
    return c.json({ data: page.data.map(projectWire), pagination: page.pagination });
  });
  app.get("/v2/wallets/mpc/projects/:project_id", (c) => c.json(projectWire(getProject(store.state, param(c, "project_id")))));
  app.put("/v2/wallets/mpc/projects/:project_id", async (c) => {
    const body = parseOrThrow(nameBody, jsonBody(c));
    const project = await store.mutate((s) => {
      const p = getProject(s, param(c, "project_id"));
      p.name = body.name;
      return projectWire(p);
    });
    return c.json(project);
  });

  app.get("/v2/wallets/mpc/cobo_key_share_holders", (c) => c.json([holderWire(coboHolder(store.state), true)]));

  app.post("/v2/wallets/mpc/vaults", async (c) => {
    const body = parseOrThrow(createVaultBody, jsonBody(c));
    const vault = await store.mutate((s) => vaultWire(createVault(rt, s, body)));
    rt.kick();
    return c.json(vault, 201);
  });
  app.get("/v2/wallets/mpc/vaults", (c) => {
    const q = parseOrThrow(listVaultsQuery, queryOf(c));
    if (q.vault_type === "User-Controlled" && !q.project_id) {
      throw new CoboError(400, ErrorCode.missingParameter, "Missing required parameter: project_id");
    }
    const items = store.state.vaults.filter((v) => v.type === q.vault_type && (!q.project_id || v.project_id === q.project_id)).reverse();
    const page = paginate(items, (v) => v.vault_id, q);
    return c.json({ data: page.data.map(vaultWire), pagination: page.pagination });
  });
  app.get("/v2/wallets/mpc/vaults/:vault_id", (c) => c.json(vaultWire(getVault(store.state, param(c, "vault_id")))));
  app.put("/v2/wallets/mpc/vaults/:vault_id", async (c) => {
    const body = parseOrThrow(nameBody, jsonBody(c));
    const vault = await store.mutate((s) => {
      const v = getVault(s, param(c, "vault_id"));
      v.name = body.name;
      return vaultWire(v);
    });
    return c.json(vault);
  });

  app.post("/v2/wallets/mpc/vaults/:vault_id/key_share_holder_groups", async (c) => {
    const body = parseOrThrow(createGroupBody, jsonBody(c));
    const group = await store.mutate((s) => groupWire(createGroup(s, param(c, "vault_id"), body), online));
    return c.json(group, 201);
  });
  app.get("/v2/wallets/mpc/vaults/:vault_id/key_share_holder_groups", (c) => {
    const q = parseOrThrow(listGroupsQuery, queryOf(c));
    const vault = getVault(store.state, param(c, "vault_id"));
    const items = store.state.groups
      .filter(
        (g) => g.vault_id === vault.vault_id && !g.deleted && (!q.key_share_holder_group_type || g.type === q.key_share_holder_group_type),
      )
      .reverse();
    const page = paginate(items, (g) => g.key_share_holder_group_id, q);
    return c.json({ data: page.data.map((g) => groupWire(g, online)), pagination: page.pagination });
  });
  app.get("/v2/wallets/mpc/vaults/:vault_id/key_share_holder_groups/:group_id", (c) =>
    c.json(groupWire(getGroup(store.state, param(c, "vault_id"), param(c, "group_id")), online)),
  );
  app.put("/v2/wallets/mpc/vaults/:vault_id/key_share_holder_groups/:group_id", async (c) => {
    const body = parseOrThrow(updateGroupBody, jsonBody(c));
    const group = await store.mutate((s) =>
      groupWire(updateGroup(s, param(c, "vault_id"), param(c, "group_id"), body.update_key_share_holder_group_action), online),
    );
    return c.json(group);
  });
  app.post("/v2/wallets/mpc/vaults/:vault_id/key_share_holder_groups/:group_id/delete", async (c) => {
    await store.mutate((s) => deleteGroup(s, param(c, "vault_id"), param(c, "group_id")));
    return c.json({ submitted: true }, 201);
  });

  app.post("/v2/wallets/mpc/vaults/:vault_id/tss_requests", async (c) => {
    const body = parseOrThrow(createTssBody, jsonBody(c));
    const request = await store.mutate((s) => tssRequestWire(createTssRequest(rt, s, param(c, "vault_id"), body)));
    rt.kick();
    return c.json(request, 201);
  });
  app.get("/v2/wallets/mpc/vaults/:vault_id/tss_requests", (c) => {
    const q = parseOrThrow(listTssQuery, queryOf(c));
    const vault = getVault(store.state, param(c, "vault_id"));
    const groupId = q.key_share_holder_group_id;
    const items = store.state.tss_requests
      .filter(
        (r) =>
          r.vault_id === vault.vault_id &&
          (r.target_key_share_holder_group_id === groupId || r.source_key_share_holder_group?.key_share_holder_group_id === groupId),
      )
      .reverse();
    const page = paginate(items, (r) => r.tss_request_id, q);
    return c.json({ data: page.data.map(tssRequestWire), pagination: page.pagination });
  });
  app.get("/v2/wallets/mpc/vaults/:vault_id/tss_requests/:tss_request_id", (c) =>
    c.json(tssRequestWire(getTssRequest(store.state, param(c, "vault_id"), param(c, "tss_request_id")))),
  );
  app.post("/v2/wallets/mpc/vaults/:vault_id/tss_requests/:tss_request_id/cancel", async (c) => {
    const request = await store.mutate((s) => tssRequestWire(cancelTssRequest(rt, s, param(c, "vault_id"), param(c, "tss_request_id"))));
    rt.kick();
    return c.json(request, 201);
  });
}
