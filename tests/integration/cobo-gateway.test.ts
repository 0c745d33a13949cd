import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { bytesToHex } from "@noble/hashes/utils.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCoboGateway, type CoboGateway } from "@/lib/cobo/client";
import { isCoboError, isCoboNotFound, type CoboError } from "@/lib/cobo/errors";
import { clearCoboWebhookPublicKeyCache, coboWebhookPublicKey, verifyCoboSignature } from "@/lib/cobo/verify-signature";
import { sandboxAvailable, sandboxRequest, startSandboxProcess, type SandboxProcess } from "@/tests/helpers/sandbox";

// The gateway against the Cobo sandbox, run as its own process (tests/helpers/sandbox.ts): real
// signed HTTP calls through @cobo/cobo-waas2, real error bodies, real webhooks. No device is needed:
// the sandbox's server co-signer (POST /_sandbox/cosigners) approves key generation and signing.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Polls `read` until `done` holds (bounded by attempts, not by asserting a duration). */
async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, attempts = 200, everyMs = 50): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < attempts; i++) {
    last = await read();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`condition not reached; last value: ${JSON.stringify(last)}`);
}

describe.skipIf(!sandboxAvailable())("Cobo gateway against the sandbox", () => {
  let sandbox: SandboxProcess;
  let gw: CoboGateway;
  // Webhook receiver: records raw bodies and Cobo's signature headers.
  let receiver: Server;
  let receiverUrl = "";
  const deliveries: { rawBody: string; timestamp: string; signature: string }[] = [];

  // Shared state built up by the MPC flow and reused by the wallet / transfer tests.
  let projectId = "";
  let vaultId = "";
  let groupId = "";

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let raw = "";
      req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      req.on("end", () => {
        deliveries.push({
          rawBody: raw,
          timestamp: String(req.headers["biz-timestamp"] ?? ""),
          signature: String(req.headers["biz-resp-signature"] ?? ""),
        });
        res.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;
    sandbox = await startSandboxProcess();
    gw = createCoboGateway({ baseUrl: sandbox.baseUrl, apiSecret: sandbox.apiSecret, timeoutMs: 5_000, retries: 2, minRetryDelayMs: 10 });
  });

  afterAll(async () => {
    await sandbox?.stop();
    receiver?.closeAllConnections();
    await new Promise((r) => receiver?.close(r));
  });

  it("is recognised by its API key", async () => {
    const info = await gw.getApiKeyInfo();
    expect(info.key).toBe(gw.apiKey);
    expect(gw.apiKey).toBe(sandbox.info.api_key);
  });

  it("subscribes a webhook endpoint (to check signatures at the end)", async () => {
    const definitions = await gw.listWebhookEventDefinitions();
    const types = definitions.map((d) => d.event_type).filter((t): t is string => typeof t === "string");
    expect(types).toContain("wallets.mpc.tss_request.updated");
    const endpoint = await gw.createWebhookEndpoint({ url: receiverUrl, subscribed_events: types, description: "gateway test" });
    expect(endpoint.url).toBe(receiverUrl);
    const listed = await gw.listWebhookEndpoints();
    expect(listed.data.map((e) => e.endpoint_id)).toContain(endpoint.endpoint_id);
  });

  it("creates and reads a project, a vault, a main group and a KeyGen TSS request until it succeeds", async () => {
    const project = await gw.createMpcProject({ name: `proj-${randomUUID().slice(0, 8)}`, participants: 2, threshold: 2 });
    projectId = project.project_id;
    expect((await gw.listMpcProjects({ limit: 50 })).data.map((p) => p.project_id)).toContain(projectId);
    expect((await gw.getMpcProject(projectId)).project_id).toBe(projectId);

    const vault = await gw.createMpcVault({ project_id: projectId, name: "vault-gateway-test" });
    vaultId = vault.vault_id;
    expect(vault.type).toBe("User-Controlled");
    expect((await gw.getMpcVault(vaultId)).vault_id).toBe(vaultId);
    expect((await gw.listMpcVaults({ project_id: projectId })).data.map((v) => v.vault_id)).toContain(vaultId);

    const coboHolders = await gw.listCoboKeyHolders();
    expect(coboHolders.map((h) => h.tss_node_id)).toContain(sandbox.info.cobo_node_id);

    const cosigner = await sandboxRequest<{ node_id: string }>(sandbox, "POST", "/_sandbox/cosigners", { name: "test co-signer" });
    expect(cosigner.status).toBe(201);
    const group = await gw.createKeyShareHolderGroup(vaultId, {
      key_share_holder_group_type: "MainGroup",
      participants: 2,
      threshold: 2,
      key_share_holders: [{ name: "server", type: "API", tss_node_id: cosigner.body.node_id }],
    });
    groupId = group.key_share_holder_group_id;
    expect(group.status).toBe("New");
    expect(
      (await gw.listKeyShareHolderGroups(vaultId, { key_share_holder_group_type: "MainGroup" })).data.map(
        (g) => g.key_share_holder_group_id,
      ),
    ).toContain(groupId);

    const tss = await gw.createTssRequest(vaultId, { type: "KeyGen", target_key_share_holder_group_id: groupId, description: "keygen" });
    expect(typeof tss.status).toBe("string");
    expect((await gw.listTssRequests(vaultId, groupId)).data.map((r) => r.tss_request_id)).toContain(tss.tss_request_id);
    const done = await until(
      () => gw.getTssRequest(vaultId, tss.tss_request_id),
      (r) => r.status === "Success" || r.status.endsWith("Failed"),
    );
    expect(done.status).toBe("Success");
    const valid = await gw.getKeyShareHolderGroup(vaultId, groupId);
    expect(valid.status).toBe("Valid");
    expect(valid.tss_key_share_groups?.length).toBeGreaterThan(0);
  });

  it("answers 404 as a CoboError carrying Cobo's code and id", async () => {
    const err = await gw.getMpcVault(randomUUID()).catch((e: unknown) => e);
    expect(isCoboError(err)).toBe(true);
    expect(isCoboNotFound(err)).toBe(true);
    expect(err).toMatchObject({ code: "not_found", coboHttpStatus: 404, operation: "getMpcVault" });
    expect((err as CoboError).coboErrorId).toMatch(/\S/);
    expect((err as CoboError).coboErrorCode).toEqual(expect.any(Number));
    expect((err as CoboError).message).toMatch(/\(Cobo error \d+\)\.$/);
    await expect(gw.getTssRequest(vaultId || randomUUID(), randomUUID())).rejects.toMatchObject({ coboHttpStatus: 404 });
  });

  it("rejects a request signed with another API key: cobo_error with code and id, no raw text", async () => {
    const stranger = createCoboGateway({
      baseUrl: sandbox.baseUrl,
      apiSecret: bytesToHex(randomBytes(32)),
      retries: 2,
      minRetryDelayMs: 1,
    });
    const err = await stranger.listMpcProjects().catch((e: unknown) => e);
    expect(isCoboError(err)).toBe(true);
    const e = err as CoboError;
    expect(e).toMatchObject({ code: "cobo_error", status: 502, coboHttpStatus: 401, kind: "rejected", operation: "listMpcProjects" });
    expect(e.coboErrorCode).toBe(2024);
    expect(e.coboErrorId).toMatch(/\S/);
    expect(e.message).toBe("Cobo refused our API key (wrong environment, not activated, IP allowlist or signature) (Cobo error 2024).");
  });

  it("rejects invalid input with 400 and does not retry it", async () => {
    const err = await gw
      .createKeyShareHolderGroup(vaultId, {
        key_share_holder_group_type: "MainGroup",
        participants: 7,
        threshold: 9,
        key_share_holders: [],
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "invalid_input", status: 422, coboHttpStatus: 400, kind: "rejected" });
  });

  it("lists chains and tokens, creates a wallet and an address with its path and pubkey", async () => {
    const chains = await gw.listEnabledChains();
    expect(chains.data.map((c) => c.chain_id)).toContain("SETH");
    expect((await gw.getChain("SETH")).chain_id).toBe("SETH");
    const tokens = await gw.listEnabledTokens({ chain_ids: ["SETH"] });
    expect(tokens.data.map((t) => t.token_id)).toContain("SETH");
    expect((await gw.getToken("SETH")).decimal).toBe(18);

    const wallet = await gw.createWallet({ name: `w${randomUUID().slice(0, 8)}`, vault_id: vaultId });
    expect(wallet).toMatchObject({ wallet_type: "MPC", wallet_subtype: "User-Controlled", vault_id: vaultId });
    expect((await gw.getWallet(wallet.wallet_id)).wallet_id).toBe(wallet.wallet_id);
    expect((await gw.listWallets({ vault_id: vaultId })).data.map((w) => w.wallet_id)).toContain(wallet.wallet_id);

    const [address] = await gw.createAddress(wallet.wallet_id, { chain_id: "SETH" });
    expect(address?.path).toMatch(/\S/);
    expect(address?.pubkey).toMatch(/\S/);
    expect((await gw.listAddresses(wallet.wallet_id, { chain_ids: ["SETH"] })).data.map((a) => a.address)).toContain(address?.address);
  });

  it("submitting a transfer twice with the same request_id yields one transaction (the second is resolved, not re-sent)", async () => {
    const wallet = await gw.createWallet({ name: `t${randomUUID().slice(0, 8)}`, vault_id: vaultId });
    const [address] = await gw.createAddress(wallet.wallet_id, { chain_id: "SETH" });
    if (!address) throw new Error("no address created");
    const deposit = await sandboxRequest(sandbox, "POST", "/_sandbox/deposits", {
      address: address.address,
      amount: "1",
      token_id: "SETH",
    });
    expect(deposit.status).toBe(201);
    await until(
      () => gw.listTokenBalancesForAddress(wallet.wallet_id, address.address, { token_ids: ["SETH"] }),
      (p) => Number(p.data[0]?.balance.available ?? "0") >= 1,
    );

    const source = { source_type: "User-Controlled" as const, wallet_id: wallet.wallet_id, address: address.address };
    const destination = {
      destination_type: "Address" as const,
      account_output: { address: "0x000000000000000000000000000000000000dEaD", amount: "0.1" },
    };
    const fee = await gw.estimateTransferFee({ source, token_id: "SETH", destination, fee_type: "EVM_EIP_1559" });
    expect(fee.fee_type).toBe("EVM_EIP_1559");

    const request_id = `req-${randomUUID()}`;
    const first = await gw.createTransfer({ request_id, source, token_id: "SETH", destination });
    expect(first).toMatchObject({ request_id, resolvedExisting: false });
    const second = await gw.createTransfer({ request_id, source, token_id: "SETH", destination });
    expect(second).toMatchObject({ request_id, transaction_id: first.transaction_id, resolvedExisting: true });

    const listed = await gw.listTransactions({ request_id });
    expect(listed.data.filter((t) => t.request_id === request_id)).toHaveLength(1);
    const withdrawals = await gw.listTransactions({ wallet_ids: [wallet.wallet_id], types: ["Withdrawal"], limit: 50 });
    expect(withdrawals.data).toHaveLength(1);
    expect((await gw.getTransaction(first.transaction_id)).request_id).toBe(request_id);
    expect((await gw.getTransactionByRequestId(request_id))?.transaction_id).toBe(first.transaction_id);
  });

  it("prints nothing of what it signs on the process's stdout during real calls", async () => {
    const code = `
      const { createCoboGateway } = await import(${JSON.stringify(`${ROOT}lib/cobo/client.ts`)});
      const gw = createCoboGateway({ baseUrl: ${JSON.stringify(sandbox.baseUrl)}, apiSecret: ${JSON.stringify(sandbox.apiSecret)} });
      const v = await gw.createMpcVault({ project_id: ${JSON.stringify(projectId)}, name: "marker-vault-silence" });
      await gw.getMpcVault(v.vault_id);
      console.log("child done", v.vault_id);
    `;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "info" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const exitCode = await new Promise<number | null>((r) => child.once("exit", r));
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: "" });
    expect(stdout).toMatch(/child done \S+/);
    expect(stdout).not.toContain("strToSign");
    expect(stdout).not.toContain("marker-vault-silence");
  });

  it("delivers webhooks whose signatures verify with the sandbox key, and lists them for reconciliation", async () => {
    clearCoboWebhookPublicKeyCache();
    const key = await coboWebhookPublicKey({ COBO_ENV: "sandbox", COBO_BASE_URL: sandbox.baseUrl, COBO_WEBHOOK_PUBLIC_KEY: undefined });
    expect(key).toBe(sandbox.info.webhook_public_key);
    await until(
      async () => deliveries.length,
      (n) => n > 0,
    );
    for (const d of deliveries) {
      expect(verifyCoboSignature({ rawBody: d.rawBody, timestamp: d.timestamp, signatureHex: d.signature, publicKeyHex: key })).toBe(true);
      expect(verifyCoboSignature({ rawBody: `${d.rawBody} `, timestamp: d.timestamp, signatureHex: d.signature, publicKeyHex: key })).toBe(
        false,
      );
    }
    const endpoint = (await gw.listWebhookEndpoints()).data.find((e) => e.url === receiverUrl);
    if (!endpoint) throw new Error("endpoint missing");
    const events = await gw.listWebhookEvents(endpoint.endpoint_id, { limit: 50 });
    expect(events.data.length).toBeGreaterThan(0);
    const first = events.data[0];
    if (!first) throw new Error("no event");
    expect((await gw.getWebhookEvent(endpoint.endpoint_id, first.event_id)).event_id).toBe(first.event_id);
    const logs = await gw.listWebhookEventLogs(endpoint.endpoint_id, first.event_id);
    expect(Array.isArray(logs.data)).toBe(true);
    const callbacks = await gw.listCallbackMessages();
    expect(Array.isArray(callbacks.data)).toBe(true);
  });
});
