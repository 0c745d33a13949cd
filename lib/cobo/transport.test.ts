import { afterEach, describe, expect, it, vi } from "vitest";
import { CoboError } from "@/lib/cobo/errors";
import { coboError, fakeGateway, type FakeAnswer } from "@/lib/cobo/fake-sdk.testkit";
import { SDK_SIGNING_LOG_TAG, withoutSdkSigningLog } from "@/lib/cobo/transport";
import { metrics } from "@/lib/observability/metrics";

const VAULT = { vault_id: "v1", project_id: "p1", name: "vault", type: "User-Controlled", root_pubkeys: [], created_timestamp: 1 };
const seq =
  (...answers: FakeAnswer[]) =>
  (_req: unknown, i: number): FakeAnswer =>
    answers[Math.min(i, answers.length - 1)] ?? { status: 500, body: {} };

async function coboCalls(operation: string, outcome: string): Promise<number> {
  const m = await metrics.coboCalls.get();
  return m.values.find((v) => v.labels.operation === operation && v.labels.outcome === outcome)?.value ?? 0;
}

describe("withoutSdkSigningLog", () => {
  afterEach(() => vi.restoreAllMocks());

  it("drops only the SDK's strToSign line, passes every other line, and restores console.log", () => {
    const seen: unknown[][] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void seen.push(args));
    const before = console.log;
    const result = withoutSdkSigningLog(() => {
      console.log(SDK_SIGNING_LOG_TAG, 'POST|/v2/transactions/transfer|1|{"amount":"1"}');
      console.log("an unrelated line", 1);
      return 42;
    });
    expect(result).toBe(42);
    expect(seen).toEqual([["an unrelated line", 1]]);
    expect(console.log).toBe(before);
    spy.mockRestore();
  });

  it("restores console.log even when the wrapped call throws", () => {
    const before = console.log;
    expect(() =>
      withoutSdkSigningLog(() => {
        throw new Error("x");
      }),
    ).toThrow("x");
    expect(console.log).toBe(before);
  });
});

describe("calls through the SDK classes", () => {
  it("sends the SDK's path, query and body and returns Cobo's raw JSON, unknown fields kept", async () => {
    const { client, gateway } = fakeGateway(() => ({
      status: 200,
      body: { data: [{ ...VAULT, new_field: "kept" }], pagination: { total_count: 1 } },
    }));
    const page = await gateway.listMpcVaults({ project_id: "p1", limit: 5 });
    expect(page.data[0]).toMatchObject({ vault_id: "v1", new_field: "kept" });
    expect(client.requests[0]).toMatchObject({
      method: "GET",
      path: "/wallets/mpc/vaults",
      query: { vault_type: "User-Controlled", project_id: "p1", limit: 5 },
    });
  });

  it("creates User-Controlled vaults and UCW wallets without the caller choosing the type", async () => {
    const { client, gateway } = fakeGateway((req) =>
      req.path === "/wallets"
        ? { status: 201, body: { wallet_id: "w1", wallet_type: "MPC", wallet_subtype: "User-Controlled", name: "n", vault_id: "v1" } }
        : { status: 201, body: VAULT },
    );
    await gateway.createMpcVault({ project_id: "p1", name: "vault" });
    await gateway.createWallet({ name: "n", vault_id: "v1" });
    expect(client.requests.map((r) => r.body)).toEqual([
      { name: "vault", vault_type: "User-Controlled", project_id: "p1" },
      { wallet_type: "MPC", wallet_subtype: "User-Controlled", name: "n", vault_id: "v1" },
    ]);
  });

  it("joins id lists as Cobo's comma-separated filters", async () => {
    const { client, gateway } = fakeGateway(() => ({ status: 200, body: { data: [], pagination: {} } }));
    await gateway.listTransactions({ transaction_ids: ["a", "b"], statuses: [], wallet_ids: ["w"], limit: 50 });
    expect(client.requests[0]?.query).toEqual({ transaction_ids: "a,b", wallet_ids: "w", limit: 50 });
  });

  it("turns a malformed answer into a CoboError instead of handing it to domain code", async () => {
    const { client, gateway } = fakeGateway(() => ({ status: 200, body: { name: "no id here" } }));
    const err = await gateway.getMpcVault("v1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CoboError);
    expect(err).toMatchObject({
      code: "cobo_error",
      kind: "invalid_response",
      operation: "getMpcVault",
      message: "Cobo returned an unexpected response",
    });
    expect(client.requests).toHaveLength(1);
  });
});

describe("retries", () => {
  it("retries a read after 503 and succeeds, counting each attempt", async () => {
    const before = await coboCalls("getMpcVault", "server_error");
    const { client, gateway } = fakeGateway(seq({ status: 503, body: {} }, { status: 503, body: {} }, { status: 200, body: VAULT }));
    await expect(gateway.getMpcVault("v1")).resolves.toMatchObject({ vault_id: "v1" });
    expect(client.requests).toHaveLength(3);
    expect((await coboCalls("getMpcVault", "server_error")) - before).toBe(2);
  });

  it("a call that never answers ends when its time budget is spent: 503 timeout, outcome unknown, no retry", async () => {
    const { client, gateway } = fakeGateway(() => ({ hang: true }), 3, { budgetMs: 50 });
    await expect(gateway.getMpcVault("v1")).rejects.toMatchObject({
      code: "cobo_unavailable",
      kind: "timeout",
      status: 503,
      outcomeUnknown: true,
      options: { retryAfterSeconds: 5 },
    });
    expect(client.requests).toHaveLength(1);
  });

  it("starts no retry the budget cannot hold", async () => {
    // Every answer is an immediate, retryable 503; the first backoff (10 s) does not fit the 2 s budget.
    const { client, gateway } = fakeGateway(() => ({ status: 503, body: {} }), 3, { budgetMs: 2_000, minRetryDelayMs: 10_000 });
    await expect(gateway.getMpcVault("v1")).rejects.toMatchObject({ code: "cobo_unavailable", kind: "server_error" });
    expect(client.requests).toHaveLength(1);
  });

  it("gives up after retries + 1 attempts with cobo_unavailable", async () => {
    const { client, gateway } = fakeGateway(() => ({ timeout: true }), 2);
    await expect(gateway.getMpcVault("v1")).rejects.toMatchObject({ code: "cobo_unavailable", kind: "timeout", status: 503 });
    expect(client.requests).toHaveLength(3);
  });

  it("never retries a 4xx, and keeps Cobo's code and id but not its text", async () => {
    const { client, gateway } = fakeGateway(() => coboError(400, 2006, { message: "secret-ish raw text", id: "eid-9" }));
    const err = await gateway.getMpcVault("v1").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "invalid_input", coboHttpStatus: 400, coboErrorCode: 2006, coboErrorId: "eid-9" });
    expect((err as Error).message).not.toContain("raw text");
    expect(client.requests).toHaveLength(1);
  });

  it("retries rate limiting (429 and error 2026) for every kind of call", async () => {
    const { client, gateway } = fakeGateway(seq(coboError(429, 2026), coboError(400, 2026), { status: 201, body: VAULT }));
    await expect(gateway.createMpcVault({ project_id: "p1", name: "v" })).resolves.toMatchObject({ vault_id: "v1" });
    expect(client.requests).toHaveLength(3);
  });

  it("does not repeat an unsafe POST after a timeout, a reset or a 500: Cobo may have acted", async () => {
    for (const answer of [{ timeout: true }, { networkError: "ECONNRESET" }, { status: 500, body: {} }] as FakeAnswer[]) {
      const { client, gateway } = fakeGateway(() => answer);
      const err = await gateway.createTssRequest("v1", { type: "KeyGen", target_key_share_holder_group_id: "g1" }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "cobo_unavailable", outcomeUnknown: true, operation: "createTssRequest" });
      expect(client.requests).toHaveLength(1);
    }
  });

  it("repeats an unsafe POST when the request provably did not reach Cobo (refused) or Cobo said 503", async () => {
    const { client, gateway } = fakeGateway(
      seq(
        { networkError: "ECONNREFUSED" },
        { status: 503, body: {} },
        { status: 201, body: { key_share_holder_group_id: "g1", status: "New" } },
      ),
    );
    await expect(
      gateway.createKeyShareHolderGroup("v1", {
        key_share_holder_group_type: "MainGroup",
        participants: 2,
        threshold: 2,
        key_share_holders: [],
      }),
    ).resolves.toMatchObject({ key_share_holder_group_id: "g1" });
    expect(client.requests).toHaveLength(3);
  });

  it("lets a bug in the call (the SDK's missing-parameter Error) through unchanged and unretried", async () => {
    const { client, gateway } = fakeGateway(() => ({ status: 200, body: VAULT }));
    // Deliberately calling without the required id, as a bug would.
    await expect(gateway.getMpcVault(undefined as unknown as string)).rejects.toThrow(/Missing the required parameter 'vault_id'/);
    expect(client.requests).toHaveLength(0);
  });
});

describe("Retry-After", () => {
  it("gives up at once when Cobo asks to wait longer than the backoff cap, passing the wait on", async () => {
    const { client, gateway } = fakeGateway(() => coboError(429, 2026, { headers: { "retry-after": "120" } }));
    await expect(gateway.getMpcVault("v1")).rejects.toMatchObject({
      code: "cobo_unavailable",
      kind: "rate_limited",
      options: { retryAfterSeconds: 120 },
    });
    expect(client.requests).toHaveLength(1);
  });
});
