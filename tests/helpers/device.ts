import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { POST as registerNode } from "@/app/api/v1/tss-nodes/route";
import { POST as createVaultRoute } from "@/app/api/v1/vault/route";
import { POST as createMainGroupRoute } from "@/app/api/v1/vault/main-group/route";
import { coboGatewaySlot, createCoboGateway, getCoboGateway } from "@/lib/cobo/client";
import { syncTssRequest } from "@/lib/server/tss-requests/sync-tss-request";
import { call } from "./app-harness";
import { newAppUser, type TestAppUser } from "./app-users";
import type { SandboxProcess } from "./sandbox";
import { createDevice, waitFor, type VirtualDevice } from "./virtual-device";

// The setup most API tests need (a user whose vault's Main Group key generation the device
// approved), and a lossy network path to the sandbox for crash-safety tests. The virtual device
// itself is in virtual-device.ts.

export * from "./virtual-device";

export type ReadyUser = TestAppUser & { device: VirtualDevice; vaultId: string; tssRequestId: string };

/**
 * The guide's setup through the real endpoints: sign up → register the device's node → vault →
 * Main Group (KeyGen) → the device approves → polled until Cobo reports Success.
 */
export async function readyAppUser(sandbox: SandboxProcess, prefix = "ready"): Promise<ReadyUser> {
  const user = await newAppUser(prefix);
  const device = await createDevice(sandbox, prefix);
  const node = await call(registerNode, { path: "/api/v1/tss-nodes", token: user.token, body: { tss_node_id: device.nodeId } });
  if (node.status !== 201) throw new Error(`register node: ${node.status} ${node.text}`);
  const vault = await call(createVaultRoute, { path: "/api/v1/vault", method: "POST", token: user.token });
  if (vault.status !== 201) throw new Error(`create vault: ${vault.status} ${vault.text}`);
  const group = await call(createMainGroupRoute, {
    path: "/api/v1/vault/main-group",
    token: user.token,
    body: { tss_node_id: device.nodeId },
  });
  if (group.status !== 201) throw new Error(`create main group: ${group.status} ${group.text}`);
  const tssRequestId = (group.body as { tss_request_id: string }).tss_request_id;
  await waitFor(
    async () => (await device.pendingTss()).some((r) => r.tss_request_id === tssRequestId),
    "the device to see the KeyGen request",
  );
  await device.approveTss([tssRequestId]);
  await waitFor(async () => (await syncTssRequest(tssRequestId)).status === "Success", "key generation to succeed");
  return { ...user, device, vaultId: (vault.body as { vault_id: string }).vault_id, tssRequestId };
}

/**
 * Runs `fn` with the app's Cobo gateway talking to the sandbox through a proxy that forwards every
 * request but answers 502 instead of the sandbox's answer whenever `loseAnswer(method, path)` says
 * so: Cobo did the work and the answer was lost, the case that makes unsafe calls unsafe to repeat.
 */
export async function withLossyCobo<T>(
  sandbox: SandboxProcess,
  loseAnswer: (method: string, path: string) => boolean,
  fn: () => Promise<T>,
): Promise<T> {
  const proxy = createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
    req.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === "string" && (k.startsWith("biz-") || k === "content-type")) headers[k] = v;
      const method = req.method ?? "GET";
      const url = req.url ?? "/";
      void fetch(`${sandbox.origin}${url}`, { method, headers, body: raw === "" ? undefined : raw })
        .then(async (upstream) => {
          const text = await upstream.text();
          if (loseAnswer(method, new URL(url, sandbox.origin).pathname))
            res.writeHead(502, { "content-type": "application/json" }).end("{}");
          else res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" }).end(text);
        })
        .catch(() => res.writeHead(500).end());
    });
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  // The app's gateway is a process-wide singleton (lib/cobo/client.ts); swap it for the duration.
  const real = getCoboGateway();
  coboGatewaySlot.set(
    createCoboGateway({
      baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/v2`,
      apiSecret: sandbox.apiSecret,
      minRetryDelayMs: 1,
      maxRetryDelayMs: 5,
    }),
  );
  try {
    return await fn();
  } finally {
    coboGatewaySlot.set(real);
    proxy.closeAllConnections();
    await new Promise((r) => proxy.close(r));
  }
}
