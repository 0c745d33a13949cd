import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type APIRequestContext } from "@playwright/test";

// Virtual phones for the e2e specs: the sandbox's device CLI (sandbox/src/cli/device.ts), run as
// a person would at a terminal against the sandbox e2e/server.ts started (port + 1). A phone's
// Secrets live in this run's own temporary folder. Also the Client API steps most specs start
// from: an app user whose Main Group key generation the phone approved, and a funded wallet.

const port = Number(process.env.E2E_PORT ?? 3100);
const SANDBOX = `http://127.0.0.1:${port + 1}`;
const PHONES = mkdtempSync(path.join(tmpdir(), "ucw-e2e-phones-"));
const PASSPHRASE = "e2e virtual phone passphrase";
/** An address outside the sandbox (a transfer there is never a deposit of ours). */
export const EXTERNAL_XTN = "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx";

const hex = (n: number) => randomBytes(n).toString("hex");

function cli(args: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "sandbox/src/cli/device.ts", ...args, "--data-dir", PHONES, "--url", SANDBOX], {
      env: { ...process.env, COBO_ENV: "sandbox", UCW_DEVICE_PASSPHRASE: PASSPHRASE },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (err += c.toString("utf8")));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`device ${args[0]} failed (${code}): ${err.trim() || out.trim()}`));
      try {
        resolve(JSON.parse(out) as unknown);
      } catch {
        reject(new Error(`device ${args[0]} printed no JSON: ${out}`));
      }
    });
  });
}

export type Phone = {
  nodeId: string;
  pendingTss(): Promise<{ tss_request_id: string; status: number }[]>;
  approveTss(ids: string[]): Promise<unknown>;
  pendingTransactions(): Promise<{ transaction_id: string; status: number }[]>;
  transactions(ids: string[]): Promise<{ transaction_id: string; status: number }[]>;
};

/** A new virtual phone (a new TSS node id). */
export async function newPhone(prefix: string): Promise<Phone> {
  const name = `${prefix}-${hex(4)}`;
  const { tss_node_id } = (await cli(["init", "--name", name])) as { tss_node_id: string };
  const run = (args: string[]) => cli([...args, "--name", name]);
  return {
    nodeId: tss_node_id,
    pendingTss: async () => (await run(["list-tss"])) as { tss_request_id: string; status: number }[],
    approveTss: (ids) => run(["approve-tss", "--ids", ids.join(",")]),
    pendingTransactions: async () => (await run(["list-tx"])) as { transaction_id: string; status: number }[],
    transactions: async (ids) => (await run(["get-tx", "--ids", ids.join(",")])) as { transaction_id: string; status: number }[],
  };
}

export type AppUser = { id: string; email: string; token: string; auth: { authorization: string } };

/** Signs up an app user (from a documentation-range address of its own, so per-IP limits never interfere). */
export async function signUp(request: APIRequestContext, prefix: string): Promise<AppUser> {
  const email = `${prefix}-${hex(4)}@e2e.test`;
  const headers = { "x-forwarded-for": `203.0.113.${randomBytes(1)[0]}` };
  const res = await request.post("/api/v1/auth/sign-up", { data: { email, password: "a long enough password" }, headers });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as { user: { id: string }; tokens: { access_token: string } };
  return { id: body.user.id, email, token: body.tokens.access_token, auth: { authorization: `Bearer ${body.tokens.access_token}` } };
}

/** Registers the phone's node for the user. */
export async function registerNode(request: APIRequestContext, user: AppUser, nodeId: string): Promise<void> {
  const res = await request.post("/api/v1/tss-nodes", { headers: user.auth, data: { tss_node_id: nodeId } });
  expect(res.status(), await res.text()).toBe(201);
}

/** Polls one of the user's TSS requests until `done` says so. */
export async function waitForTss(request: APIRequestContext, user: AppUser, id: string, done: (status: string) => boolean): Promise<{ status: string }> {
  let last = "";
  await expect
    .poll(
      async () => {
        last = ((await (await request.get(`/api/v1/tss-requests/${id}`, { headers: user.auth })).json()) as { status: string }).status;
        return done(last);
      },
      { timeout: 45_000, intervals: [250, 500, 1000] },
    )
    .toBe(true);
  return { status: last };
}

export type ReadyUser = AppUser & { phone: Phone; tssRequestId: string };

/** The guide's onboarding over HTTP: sign up, register the phone's node, vault, Main Group, the phone approves, Success. */
export async function readyUser(request: APIRequestContext, prefix: string): Promise<ReadyUser> {
  const user = await signUp(request, prefix);
  const phone = await newPhone(prefix);
  await registerNode(request, user, phone.nodeId);
  expect((await request.post("/api/v1/vault", { headers: user.auth })).status()).toBe(201);
  const group = await request.post("/api/v1/vault/main-group", { headers: user.auth, data: { tss_node_id: phone.nodeId } });
  expect(group.status(), await group.text()).toBe(201);
  const { tss_request_id } = (await group.json()) as { tss_request_id: string };
  await expect.poll(async () => (await phone.pendingTss()).some((r) => r.tss_request_id === tss_request_id), { timeout: 30_000 }).toBe(true);
  await phone.approveTss([tss_request_id]);
  await waitForTss(request, user, tss_request_id, (s) => s === "Success");
  return { ...user, phone, tssRequestId: tss_request_id };
}

export type FundedWallet = { walletId: string; address: string };

/** A wallet with one XTN address holding `amount` (a simulated deposit, completed). */
export async function fundedWallet(request: APIRequestContext, user: AppUser, amount = "1"): Promise<FundedWallet> {
  const wallet = await request.post("/api/v1/wallets", { headers: user.auth, data: { name: `Main ${hex(2)}` } });
  expect(wallet.status(), await wallet.text()).toBe(201);
  const { wallet_id } = (await wallet.json()) as { wallet_id: string };
  const addr = await request.post(`/api/v1/wallets/${wallet_id}/addresses`, { headers: user.auth, data: { chain_id: "XTN" } });
  expect(addr.status(), await addr.text()).toBe(201);
  const { address } = (await addr.json()) as { address: string };
  await cli(["simulate-deposit", "--address", address, "--amount", amount]);
  await expect
    .poll(
      async () => {
        const res = await request.get(`/api/v1/wallets/${wallet_id}/balances`, { headers: user.auth });
        const body = (await res.json()) as { data: { token_id: string; balance: { available: string } }[] };
        return body.data.find((b) => b.token_id === "XTN")?.balance.available;
      },
      { timeout: 45_000, intervals: [250, 500, 1000] },
    )
    .toBe(amount);
  return { walletId: wallet_id, address };
}

/** A transfer body from the funded address to an outside address. */
export function transferBody(from: string, amount = "0.01") {
  return { token_id: "XTN", from_address: from, to_address: EXTERNAL_XTN, amount, fee: { fee_type: "UTXO", token_id: "XTN", fee_rate: "5" } };
}
