import type { Hono } from "hono";
import { z } from "zod";
import { jsonBody, queryOf, type AppEnv } from "../http/app-env.js";
import { csvParam, nonEmpty, parseOrThrow } from "../http/validate.js";
import {
  ackDeliveries,
  approveTss,
  approveTx,
  getTssForNode,
  getTxForNode,
  listDeliveries,
  listPendingTss,
  listPendingTx,
  rejectTss,
  rejectTx,
} from "../domain/relay.js";
import type { Runtime } from "../domain/runtime.js";

// The TSS relay API the virtual devices use (not part of Cobo's API): every
// request is signed by the device's node key (see node-auth.ts).

const shareInput = z.object({ tss_key_share_group_id: nonEmpty, share: nonEmpty });
const idsQuery = z.object({ ids: csvParam });
const approveTssBody = z.object({
  items: z
    .array(
      z.object({
        tss_request_id: nonEmpty,
        share: shareInput.optional(),
        delivery_public_key: z
          .string()
          .regex(/^[0-9a-f]{64}$/, "must be 32 bytes of lowercase hex")
          .optional(),
      }),
    )
    .min(1),
});
const rejectTssBody = z.object({ tss_request_ids: z.array(nonEmpty).min(1), reason: z.string().max(500).default("") });
const approveTxBody = z.object({ items: z.array(z.object({ transaction_id: nonEmpty, share: shareInput })).min(1) });
const rejectTxBody = z.object({ transaction_ids: z.array(nonEmpty).min(1), reason: z.string().max(500).default("") });
const ackBody = z.object({ ids: z.array(nonEmpty).min(1) });

/** Registers the relay routes under /relay/v1. */
export function registerRelayRoutes(app: Hono<AppEnv>, rt: Runtime): void {
  const { store } = rt;

  app.get("/relay/v1/tss_requests/pending", (c) => c.json({ data: listPendingTss(store.state, c.get("nodeId")) }));
  app.get("/relay/v1/tss_requests", (c) => {
    const q = parseOrThrow(idsQuery, queryOf(c));
    return c.json({ data: getTssForNode(store.state, c.get("nodeId"), q.ids ?? []) });
  });
  app.post("/relay/v1/tss_requests/approve", async (c) => {
    const body = parseOrThrow(approveTssBody, jsonBody(c));
    await store.mutate((s) => approveTss(rt, s, c.get("nodeId"), body.items));
    rt.kick();
    return c.json({
      data: getTssForNode(
        store.state,
        c.get("nodeId"),
        body.items.map((i) => i.tss_request_id),
      ),
    });
  });
  app.post("/relay/v1/tss_requests/reject", async (c) => {
    const body = parseOrThrow(rejectTssBody, jsonBody(c));
    await store.mutate((s) => rejectTss(s, c.get("nodeId"), body.tss_request_ids, body.reason));
    rt.kick();
    return c.json({ data: getTssForNode(store.state, c.get("nodeId"), body.tss_request_ids) });
  });

  app.get("/relay/v1/transactions/pending", (c) => c.json({ data: listPendingTx(store.state, c.get("nodeId")) }));
  app.get("/relay/v1/transactions", (c) => {
    const q = parseOrThrow(idsQuery, queryOf(c));
    return c.json({ data: getTxForNode(store.state, c.get("nodeId"), q.ids ?? []) });
  });
  app.post("/relay/v1/transactions/approve", async (c) => {
    const body = parseOrThrow(approveTxBody, jsonBody(c));
    await store.mutate((s) => approveTx(rt, s, c.get("nodeId"), body.items));
    rt.kick();
    return c.json({
      data: getTxForNode(
        store.state,
        c.get("nodeId"),
        body.items.map((i) => i.transaction_id),
      ),
    });
  });
  app.post("/relay/v1/transactions/reject", async (c) => {
    const body = parseOrThrow(rejectTxBody, jsonBody(c));
    await store.mutate((s) => rejectTx(s, c.get("nodeId"), body.transaction_ids, body.reason));
    rt.kick();
    return c.json({ data: getTxForNode(store.state, c.get("nodeId"), body.transaction_ids) });
  });

  app.get("/relay/v1/deliveries", (c) => c.json({ data: listDeliveries(store.state, c.get("nodeId")) }));
  app.post("/relay/v1/deliveries/ack", async (c) => {
    const body = parseOrThrow(ackBody, jsonBody(c));
    const removed = await store.mutate((s) => ackDeliveries(s, c.get("nodeId"), body.ids));
    return c.json({ acknowledged: removed });
  });
}
