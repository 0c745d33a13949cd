import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCoboGateway } from "@/lib/cobo/client";
import { CoboError } from "@/lib/cobo/errors";
import { metrics } from "@/lib/observability/metrics";
import { freePort } from "@/tests/helpers/sandbox";

// The gateway against a tiny scripted HTTP server: a real network peer, so retries, timeouts,
// signing and the SDK's real rejection shapes are exercised end to end. Asserts attempts and
// outcomes, never durations.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SECRET = "3c".repeat(32);

type Seen = { method: string; url: URL; headers: IncomingMessage["headers"]; body: string };
type Script = (req: Seen, index: number, res: ServerResponse) => void;

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};
const hang = () => {
  /* never answer: the client's timeout fires */
};

let server: Server;
let origin = "";
let script: Script = (_req, _i, res) => json(res, 500, {});
let seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      const entry: Seen = { method: req.method ?? "", url: new URL(req.url ?? "/", "http://x"), headers: req.headers, body };
      seen.push(entry);
      script(entry, seen.length - 1, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => {
  seen = [];
  server.closeAllConnections(); // drop hung requests
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const gateway = (over: { retries?: number; timeoutMs?: number } = {}) =>
  createCoboGateway({
    baseUrl: `${origin}/v2`,
    apiSecret: SECRET,
    timeoutMs: over.timeoutMs ?? 300,
    retries: over.retries ?? 3,
    minRetryDelayMs: 1,
  });

const VAULT = { vault_id: "v1", project_id: "p1", name: "vault", type: "User-Controlled" };

async function coboCalls(operation: string, outcome: string): Promise<number> {
  const m = await metrics.coboCalls.get();
  return m.values.find((v) => v.labels.operation === operation && v.labels.outcome === outcome)?.value ?? 0;
}

describe("signing", () => {
  it("sends to the configured base URL, signed with the configured key over METHOD|PATH|NONCE|QUERY|BODY", async () => {
    script = (_r, _i, res) => json(res, 200, { data: [VAULT], pagination: { total_count: 1 } });
    const gw = gateway();
    await gw.listMpcVaults({ project_id: "p1,x~y.z_-", limit: 5 });
    script = (_r, _i, res) => json(res, 201, VAULT);
    await gw.createMpcVault({ project_id: "p1", name: "vault" });

    for (const r of seen) {
      expect(r.headers["biz-api-key"]).toBe(gw.apiKey);
      const message = [r.method, r.url.pathname, String(r.headers["biz-api-nonce"]), r.url.search.slice(1), r.body].join("|");
      const ok = ed25519.verify(
        hexToBytes(String(r.headers["biz-api-signature"])),
        sha256(sha256(utf8ToBytes(message))),
        hexToBytes(gw.apiKey),
      );
      expect([r.method, r.url.pathname, ok]).toEqual([r.method, r.url.pathname, true]);
    }
    expect(seen.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(["GET /v2/wallets/mpc/vaults", "POST /v2/wallets/mpc/vaults"]);
    expect(seen[0]?.url.searchParams.get("project_id")).toBe("p1,x~y.z_-");
    expect(JSON.parse(seen[1]?.body ?? "")).toEqual({ name: "vault", vault_type: "User-Controlled", project_id: "p1" });
  });

  it("refuses query values the SDK would sign differently from what it sends (space, !'()*), before sending", async () => {
    const err = await gateway()
      .listAddresses("w1", { addresses: ["addr|memo with space"] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(CoboError);
    expect(seen).toHaveLength(0);
  });
});

describe("retries over a real connection", () => {
  it("503 then 200: a read succeeds on the second attempt", async () => {
    script = (_r, i, res) => (i === 0 ? json(res, 503, { error_code: 2000, error_id: "e503" }) : json(res, 200, VAULT));
    await expect(gateway().getMpcVault("v1")).resolves.toMatchObject({ vault_id: "v1" });
    expect(seen).toHaveLength(2);
  });

  it("hangs past the timeout: a read is attempted retries + 1 times, then cobo_unavailable", async () => {
    script = hang;
    const err = await gateway({ retries: 2 })
      .getMpcVault("v1")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CoboError);
    expect(err).toMatchObject({ code: "cobo_unavailable", kind: "timeout", status: 503, outcomeUnknown: true });
    expect(seen).toHaveLength(3);
  });

  it("hangs past the timeout: an unsafe POST (create TSS request) is sent once and reported as outcome unknown", async () => {
    script = hang;
    const err = await gateway()
      .createTssRequest("v1", { type: "KeyGen", target_key_share_holder_group_id: "g1" })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "cobo_unavailable", kind: "timeout", outcomeUnknown: true, operation: "createTssRequest" });
    expect(seen).toHaveLength(1);
  });

  it("429 with Retry-After, then 201: an unsafe POST is repeated because nothing was executed", async () => {
    script = (_r, i, res) =>
      i === 0
        ? json(res, 429, { error_code: 2026, error_message: "slow down", error_id: "rl" }, { "retry-after": "0" })
        : json(res, 201, VAULT);
    await expect(gateway().createMpcVault({ project_id: "p1", name: "vault" })).resolves.toMatchObject({ vault_id: "v1" });
    expect(seen).toHaveLength(2);
  });

  it("a 4xx is never retried and keeps Cobo's code and id, not its text", async () => {
    script = (_r, _i, res) =>
      json(res, 400, { error_code: 2006, error_message: "Invalid parameter name: 0xsecretaddress", error_id: "id-400" });
    const err = await gateway()
      .createMpcVault({ project_id: "p1", name: "bad" })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "invalid_input", coboHttpStatus: 400, coboErrorCode: 2006, coboErrorId: "id-400" });
    expect(JSON.stringify(err) + (err as Error).message).not.toContain("0xsecretaddress");
    expect(seen).toHaveLength(1);
  });

  it("an HTML 502 from a proxy is a server error (retried for reads, then cobo_unavailable)", async () => {
    script = (_r, _i, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html>Bad gateway</html>");
    };
    await expect(gateway({ retries: 1 }).getMpcVault("v1")).rejects.toMatchObject({ kind: "server_error", coboHttpStatus: 502 });
    expect(seen).toHaveLength(2);
  });

  it("a 200 whose body is not JSON, or not the documented shape, is cobo_error invalid_response, not retried", async () => {
    script = (_r, _i, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{not json");
    };
    await expect(gateway().getMpcVault("v1")).rejects.toMatchObject({ code: "cobo_error", kind: "invalid_response" });
    expect(seen).toHaveLength(1);
    seen = [];
    script = (_r, _i, res) => json(res, 200, { vault: "nope" });
    await expect(gateway().getMpcVault("v1")).rejects.toMatchObject({ code: "cobo_error", kind: "invalid_response" });
    expect(seen).toHaveLength(1);
  });

  it("connection refused: even an unsafe POST is retried (it provably never reached Cobo)", async () => {
    const closedPort = await freePort();
    const before = await coboCalls("createMpcVault", "not_connected");
    const gw = createCoboGateway({ baseUrl: `http://127.0.0.1:${closedPort}/v2`, apiSecret: SECRET, retries: 2, minRetryDelayMs: 1 });
    await expect(gw.createMpcVault({ project_id: "p1", name: "v" })).rejects.toMatchObject({
      code: "cobo_unavailable",
      kind: "not_connected",
    });
    expect((await coboCalls("createMpcVault", "not_connected")) - before).toBe(3);
  });
});

describe("createTransfer over a real connection", () => {
  it("first attempt times out (Cobo got it), the retry is refused as duplicate: the existing transfer is returned", async () => {
    const existing = { transaction_id: "tx-1", request_id: "req-42", wallet_id: "w1", status: "Submitted", initiator_type: "API" };
    script = (r, _i, res) => {
      if (r.method === "POST" && seen.filter((s) => s.method === "POST").length === 1) return hang();
      if (r.method === "POST") return json(res, 400, { error_code: 30001, error_message: "Duplicate request_id", error_id: "dup" });
      return json(res, 200, { data: [existing], pagination: { total_count: 1 } });
    };
    const outcome = await gateway().createTransfer({
      request_id: "req-42",
      source: { source_type: "User-Controlled", wallet_id: "w1" },
      token_id: "SETH",
      destination: {
        destination_type: "Address",
        account_output: { address: "0x0000000000000000000000000000000000000001", amount: "0.01" },
      },
    });
    expect(outcome).toEqual({ transaction_id: "tx-1", request_id: "req-42", status: "Submitted", resolvedExisting: true });
    expect(seen.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      "POST /v2/transactions/transfer",
      "POST /v2/transactions/transfer",
      "GET /v2/transactions",
    ]);
    expect(seen.slice(0, 2).map((r) => (JSON.parse(r.body) as { request_id: string }).request_id)).toEqual(["req-42", "req-42"]);
    expect(seen[2]?.url.searchParams.get("request_id")).toBe("req-42");
  });
});

describe("the SDK's signing log", () => {
  it("a real call prints nothing of what it signs on the process's stdout", async () => {
    script = (_r, _i, res) => json(res, 201, VAULT);
    // A separate Node process, so stdout is the real file descriptor, not Vitest's console capture.
    const code = `
      const { createCoboGateway } = await import(${JSON.stringify(`${ROOT}lib/cobo/client.ts`)});
      const gw = createCoboGateway({ baseUrl: ${JSON.stringify(`${origin}/v2`)}, apiSecret: ${JSON.stringify(SECRET)} });
      console.log("child: before");
      const v = await gw.createMpcVault({ project_id: "p1", name: "marker-0xfeedface" });
      console.log("child: after", v.vault_id);
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
    // The call really happened (the server saw the body) and console.log itself still works…
    expect(seen.some((r) => r.body.includes("marker-0xfeedface"))).toBe(true);
    expect(stdout).toContain("child: before");
    expect(stdout).toContain("child: after v1");
    // …but neither the SDK's line nor the signed body reached stdout.
    expect(stdout).not.toContain("strToSign");
    expect(stdout).not.toContain("marker-0xfeedface");
  });
});
