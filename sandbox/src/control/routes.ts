import type { Hono } from "hono";
import { z } from "zod";
import { generateNodeKey } from "../crypto/node-identity.js";
import { jsonBody, type AppEnv } from "../http/app-env.js";
import { nonEmpty, parseOrThrow } from "../http/validate.js";
import type { Runtime } from "../domain/runtime.js";
import { transactionWire } from "../domain/serializers.js";
import { createDeposit } from "../domain/transactions.js";

// The sandbox's own control API (not Cobo's): public info, simulated deposits,
// sandbox-run auto-approving co-signers, reset. Everything but /_sandbox/info
// needs the same Cobo API signature as /v2.

/** Public facts about this sandbox, served without authentication. */
export interface SandboxInfo {
  name: "cobo-sandbox";
  version: string;
  env: "sandbox";
  base_url: string;
  webhook_public_key: string;
  api_key: string;
  cobo_node_id: string;
  org_id: string;
  webhook_url: string;
  callback_url: string;
}

const depositBody = z.object({
  address: nonEmpty,
  amount: nonEmpty,
  token_id: nonEmpty.optional(),
  chain_id: nonEmpty.optional(),
  from_address: nonEmpty.optional(),
});
const cosignerBody = z.object({ name: z.string().min(1).max(100).optional() });

/** Registers /_sandbox routes; `info` is computed on each call, `reset` wipes the state. */
export function registerControlRoutes(app: Hono<AppEnv>, rt: Runtime, deps: { info: () => SandboxInfo; reset: () => Promise<void> }): void {
  const { store } = rt;
  app.get("/_sandbox/info", (c) => c.json(deps.info()));

  app.post("/_sandbox/deposits", async (c) => {
    const body = parseOrThrow(depositBody, jsonBody(c));
    const tx = await store.mutate((s) => transactionWire(createDeposit(rt, s, body)));
    rt.kick();
    return c.json(tx, 201);
  });

  app.get("/_sandbox/cosigners", (c) => c.json({ data: store.state.cosigners.map((x) => ({ ...x })) }));
  app.post("/_sandbox/cosigners", async (c) => {
    const body = parseOrThrow(cosignerBody, jsonBody(c));
    const cosigner = await store.mutate((s) => {
      const record = {
        node_id: generateNodeKey().nodeId,
        name: body.name ?? `server-co-signer-${s.cosigners.length + 1}`,
        created_timestamp: Date.now(),
      };
      s.cosigners.push(record);
      return { ...record };
    });
    return c.json(cosigner, 201);
  });

  app.post("/_sandbox/reset", async (c) => {
    await deps.reset();
    return c.json({ reset: true });
  });
}
