import { readFileSync } from "node:fs";
import { expect, type APIRequestContext } from "@playwright/test";
import { sandboxRequest } from "../../tests/helpers/sandbox";
import { createDevice, simulateDeposit, waitFor, type SandboxAccess, type VirtualDevice } from "../../tests/helpers/virtual-device";
import { e2eRuntimeFile, type E2eRuntime } from "../fixtures";

// What Playwright tests need to drive the guide's journeys against the production server: its
// sandbox (virtual devices, deposits, injected faults) and its log, found through the runtime file
// e2e/server.ts writes; an app user set up through the Client API, as a phone app would.

export function e2eRuntime(): E2eRuntime {
  return JSON.parse(readFileSync(e2eRuntimeFile(Number(process.env.E2E_PORT ?? 3100)), "utf8")) as E2eRuntime;
}

export function sandbox(): SandboxAccess {
  return e2eRuntime().sandbox;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** An address outside the sandbox (a transfer there is never a deposit of ours). */
export const EXTERNAL_XTN = "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx";

let counter = 0;

export type AppUser = { id: string; email: string; token: string; auth: { authorization: string } };

/** Signs up a new app user over the Client API. */
export async function signUpUser(request: APIRequestContext, name: string): Promise<AppUser> {
  const email = `${name}-${Date.now()}-${++counter}@e2e.test`;
  const res = await request.post("/api/v1/auth/sign-up", { data: { email, password: `${name} long password` } });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as { user: { id: string }; tokens: { access_token: string } };
  const token = body.tokens.access_token;
  return { id: body.user.id, email, token, auth: bearer(token) };
}

/** Signs up a new app user; returns its access token. */
export async function signUp(request: APIRequestContext, name: string): Promise<string> {
  return (await signUpUser(request, name)).token;
}

/** A new virtual phone (a new TSS node id) of this run's sandbox (or of another e2e server's, `sb`). */
export function newDevice(prefix: string, sb: SandboxAccess = sandbox()): Promise<VirtualDevice> {
  return createDevice(sb, prefix);
}

/** Registers a phone's node for the user (POST /api/v1/tss-nodes). */
export async function registerNode(request: APIRequestContext, user: AppUser, nodeId: string): Promise<void> {
  const res = await request.post("/api/v1/tss-nodes", { headers: user.auth, data: { tss_node_id: nodeId } });
  expect(res.status(), await res.text()).toBe(201);
}

/** Polls one of the user's TSS requests until `done` accepts its status. */
export async function waitForTss(
  request: APIRequestContext,
  user: AppUser,
  id: string,
  done: (status: string) => boolean,
): Promise<{ status: string }> {
  const status = await waitFor(async () => {
    const res = await request.get(`/api/v1/tss-requests/${id}`, { headers: user.auth });
    if (!res.ok()) return false;
    const { status } = (await res.json()) as { status: string };
    return done(status) && status;
  }, `TSS request ${id} to reach the expected status`);
  return { status };
}

export type ReadyAppUser = AppUser & { device: VirtualDevice; tssRequestId: string };

/**
 * Sign up → register a virtual phone's node → vault → Main Group → the phone approves → Success.
 * `request` and `sb` may belong to another e2e server (e.g. one running another UCW_SCHEME).
 */
export async function readyAppUser(request: APIRequestContext, name: string, sb: SandboxAccess = sandbox()): Promise<ReadyAppUser> {
  const user = await signUpUser(request, name);
  const { token } = user;
  const device = await newDevice(name, sb);
  await registerNode(request, user, device.nodeId);
  expect((await request.post("/api/v1/vault", { headers: bearer(token) })).status()).toBe(201);
  const group = await request.post("/api/v1/vault/main-group", { headers: bearer(token), data: { tss_node_id: device.nodeId } });
  expect(group.status()).toBe(201);
  const { tss_request_id: tssRequestId } = (await group.json()) as { tss_request_id: string };
  await approveTssOn(request, user, [device], tssRequestId);
  return { ...user, device, tssRequestId };
}

/**
 * Each device approves the TSS request as soon as the relay lets it (all at once); then polled until
 * Success. The relay refuses an approval until the device can see the request waiting for it (2101,
 * or 2006 before MPCProcessing), so trying again is the wait: one device call per try instead of two.
 */
export async function approveTssOn(
  request: APIRequestContext,
  user: AppUser,
  devices: VirtualDevice[],
  tssRequestId: string,
): Promise<void> {
  await Promise.all(
    devices.map((device) =>
      waitFor(async () => (await device.approveTss([tssRequestId])).length > 0, `${device.name} to approve TSS request ${tssRequestId}`),
    ),
  );
  await waitForTss(request, user, tssRequestId, (s) => s === "Success");
}

export type SentTransfer = { id: string; cobo_transaction_id: string; request_id: string };

/** A transfer the app sends (201), which `device` signs once asked; polled until Cobo reports it Completed. */
export async function completedTransfer(
  request: APIRequestContext,
  user: AppUser,
  walletId: string,
  body: ReturnType<typeof transferBody>,
  device: VirtualDevice,
): Promise<SentTransfer> {
  const res = await request.post(`/api/v1/wallets/${walletId}/transfers`, {
    headers: { ...user.auth, "idempotency-key": `transfer-${Date.now()}-${++counter}` },
    data: body,
  });
  expect(res.status(), await res.text()).toBe(201);
  const { transaction } = (await res.json()) as { transaction: SentTransfer };
  // the relay refuses the signature (2101) until the transfer waits for it: trying again is the wait
  await waitFor(
    async () => (await device.approveTransactions([transaction.cobo_transaction_id])).length > 0,
    `${device.name} to sign the transfer`,
  );
  await waitFor(async () => {
    const got = await request.get(`/api/v1/transactions/${transaction.cobo_transaction_id}`, { headers: user.auth });
    return got.ok() && ((await got.json()) as { status: string }).status === "Completed";
  }, `transfer ${transaction.cobo_transaction_id} to complete`);
  return transaction;
}

/** A new wallet with an XTN address holding `amount` XTN (a simulated deposit, completed). */
export async function fundedWallet(
  request: APIRequestContext,
  token: string,
  amount = "1",
): Promise<{ walletId: string; address: string }> {
  const wallet = await request.post("/api/v1/wallets", { headers: bearer(token), data: { name: `Spending ${Date.now()}` } });
  expect(wallet.status()).toBe(201);
  const { wallet_id: walletId } = (await wallet.json()) as { wallet_id: string };
  const created = await request.post(`/api/v1/wallets/${walletId}/addresses`, { headers: bearer(token), data: { chain_id: "XTN" } });
  expect(created.status()).toBe(201);
  const { address } = (await created.json()) as { address: string };
  await simulateDeposit(sandbox(), address, amount);
  await waitFor(async () => {
    const res = await request.get(`/api/v1/wallets/${walletId}/balances`, { headers: bearer(token) });
    if (!res.ok()) return false;
    const { data } = (await res.json()) as { data: { token_id: string; balance: { available: string } }[] };
    return data.some((b) => b.token_id === "XTN" && Number(b.balance.available) >= Number(amount));
  }, "the deposit to be available");
  return { walletId, address };
}

/** A transfer body from the funded address to an outside address. */
export function transferBody(from: string, amount = "0.01") {
  return {
    token_id: "XTN",
    from_address: from,
    to_address: EXTERNAL_XTN,
    amount,
    fee: { fee_type: "UTXO", token_id: "XTN", fee_rate: "5" },
  };
}

export type Fault = {
  method?: "GET" | "POST";
  path_prefix: string;
  kind: "hang" | "reset" | "status" | "delay";
  status?: number;
  error_code?: number;
  retry_after?: number;
  delay_ms?: number;
  times?: number;
};

/** Makes chosen Cobo routes of the sandbox fail (see sandbox/README.md, "faults"). */
export async function injectFault(fault: Fault): Promise<void> {
  const res = await sandboxRequest(sandbox(), "POST", "/_sandbox/faults", fault);
  expect(res.status).toBe(201);
}

/** Clears every injected fault (hung requests are released). */
export async function clearFaults(): Promise<void> {
  expect((await sandboxRequest(sandbox(), "DELETE", "/_sandbox/faults")).status).toBe(200);
}

/** Cobo's transactions (at the sandbox) carrying this request_id. */
export async function coboTransactionsWithRequestId(requestId: string): Promise<{ transaction_id: string; request_id: string }[]> {
  const res = await sandboxRequest<{ data: { transaction_id: string; request_id: string }[] }>(
    sandbox(),
    "GET",
    `/v2/transactions?request_id=${encodeURIComponent(requestId)}&limit=50`,
  );
  expect(res.status).toBe(200);
  return res.body.data.filter((t) => t.request_id === requestId);
}

/** The production server's JSON log lines so far. */
export function serverLog(): Record<string, unknown>[] {
  const lines = readFileSync(e2eRuntime().logFile, "utf8").split("\n");
  const parsed: Record<string, unknown>[] = [];
  for (const line of lines) {
    if (!line.startsWith("{")) continue;
    try {
      parsed.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // a line cut by a concurrent write; the next read has it whole
    }
  }
  return parsed;
}

/** An app user with a registered (not yet approved) node and a vault, made over /api/v1. */
export async function appUserWithVault(request: APIRequestContext, name: string): Promise<AppUser & { nodeId: string }> {
  const user = await signUpUser(request, name);
  const device = await newDevice(name);
  await registerNode(request, user, device.nodeId);
  expect((await request.post("/api/v1/vault", { headers: user.auth })).status()).toBe(201);
  return { ...user, nodeId: device.nodeId };
}
