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

let counter = 0;

/** Signs up a new app user; returns its id and access token. */
async function signUpUser(request: APIRequestContext, name: string): Promise<{ id: string; token: string }> {
  const email = `${name}-${Date.now()}-${++counter}@e2e.test`;
  const res = await request.post("/api/v1/auth/sign-up", { data: { email, password: `${name} long password` } });
  expect(res.status()).toBe(201);
  const body = (await res.json()) as { user: { id: string }; tokens: { access_token: string } };
  return { id: body.user.id, token: body.tokens.access_token };
}

/** Signs up a new app user; returns its access token. */
export async function signUp(request: APIRequestContext, name: string): Promise<string> {
  return (await signUpUser(request, name)).token;
}

export type ReadyAppUser = { token: string; device: VirtualDevice; tssRequestId: string };

/** Sign up → register a virtual phone's node → vault → Main Group → the phone approves → Success. */
export async function readyAppUser(request: APIRequestContext, name: string): Promise<ReadyAppUser> {
  const token = await signUp(request, name);
  const device = await createDevice(sandbox(), name);
  expect((await request.post("/api/v1/tss-nodes", { headers: bearer(token), data: { tss_node_id: device.nodeId } })).status()).toBe(201);
  expect((await request.post("/api/v1/vault", { headers: bearer(token) })).status()).toBe(201);
  const group = await request.post("/api/v1/vault/main-group", { headers: bearer(token), data: { tss_node_id: device.nodeId } });
  expect(group.status()).toBe(201);
  const { tss_request_id: tssRequestId } = (await group.json()) as { tss_request_id: string };
  await waitFor(async () => (await device.pendingTss()).some((r) => r.tss_request_id === tssRequestId), "the phone to see the key generation");
  await device.approveTss([tssRequestId]);
  await waitFor(async () => {
    const res = await request.get(`/api/v1/tss-requests/${tssRequestId}`, { headers: bearer(token) });
    return res.ok() && ((await res.json()) as { status: string }).status === "Success";
  }, "key generation to succeed");
  return { token, device, tssRequestId };
}

/** A new wallet with an XTN address holding `amount` XTN (a simulated deposit, completed). */
export async function fundedWallet(request: APIRequestContext, token: string, amount: string): Promise<{ walletId: string; address: string }> {
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
export async function appUserWithVault(request: APIRequestContext, name: string): Promise<{ id: string; token: string; nodeId: string }> {
  const { id, token } = await signUpUser(request, name);
  const device = await createDevice(sandbox(), name);
  expect((await request.post("/api/v1/tss-nodes", { headers: bearer(token), data: { tss_node_id: device.nodeId } })).status()).toBe(201);
  expect((await request.post("/api/v1/vault", { headers: bearer(token) })).status()).toBe(201);
  return { id, token, nodeId: device.nodeId };
}
