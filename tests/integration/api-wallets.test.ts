import { beforeAll, describe, expect, it } from "vitest";
import { GET as listAddresses, POST as createAddress } from "@/app/api/v1/wallets/[wallet_id]/addresses/route";
import { GET as balances } from "@/app/api/v1/wallets/[wallet_id]/balances/route";
import { GET as getWallet } from "@/app/api/v1/wallets/[wallet_id]/route";
import { GET as listWallets, POST as createWallet } from "@/app/api/v1/wallets/route";
import { POST as createVault } from "@/app/api/v1/vault/route";
import { getCoboGateway } from "@/lib/cobo/client";
import { coboWalletNameFor } from "@/lib/server/wallets/create-wallet";
import { call, setupAppHarness } from "../helpers/app-harness";
import { expectExpiredTokenRefused, expiredAccessToken, newAppUser, type TestAppUser } from "../helpers/app-users";
import { readyAppUser, simulateDeposit, waitFor, withLossyCobo, type ReadyUser } from "../helpers/device";

// Wallets, addresses and balances through the route handlers, against a real database and the
// sandbox. One user (alice) gets a vault whose Main Group key generation her virtual device
// approved; bob is another user, who must never see alice's ids.

const app = setupAppHarness();

type Wallet = { wallet_id: string; name: string; vault_id: string; wallet_type: string; wallet_subtype: string; created_at: string };
type Address = { address: string; chain_id: string; path: string | null; pubkey: string | null; encoding: string | null };
type Problem = { status: number; code: string; errors?: { path: string; message: string }[] };

let alice: ReadyUser;
let bob: TestAppUser;

beforeAll(async () => {
  alice = await readyAppUser(app.sandbox, "alice");
  bob = await newAppUser("bob");
}, 180_000);

const errorPaths = (body: unknown) => ((body as Problem).errors ?? []).map((e) => e.path);

async function newWallet(user: TestAppUser, name: string): Promise<Wallet> {
  const res = await call(createWallet, { path: "/api/v1/wallets", token: user.token, body: { name } });
  expect(res.status, res.text).toBe(201);
  return res.body as Wallet;
}

describe("POST /api/v1/wallets", () => {
  it("creates a User-Controlled wallet in the caller's vault; the same name again returns it", async () => {
    const wallet = await newWallet(alice, "Main wallet");
    expect(wallet).toMatchObject({ name: "Main wallet", vault_id: alice.vaultId, wallet_type: "MPC", wallet_subtype: "User-Controlled" });

    const again = await call(createWallet, { path: "/api/v1/wallets", token: alice.token, body: { name: "Main wallet" } });
    expect(again.status).toBe(200);
    expect((again.body as Wallet).wallet_id).toBe(wallet.wallet_id);

    // Cobo has exactly one such wallet, in alice's vault, under the vault-tagged name.
    const remote = await getCoboGateway().listWallets({ vault_id: alice.vaultId, limit: 50 });
    expect(remote.data.filter((w) => w.name === coboWalletNameFor("Main wallet", alice.vaultId)).map((w) => w.wallet_id)).toEqual([
      wallet.wallet_id,
    ]);
    expect(await app.db.wallet.count({ where: { coboWalletId: wallet.wallet_id } })).toBe(1);
  });

  it("adopts the wallet Cobo made when an earlier attempt lost the answer", async () => {
    // Simulate the crash: Cobo created the wallet, we never stored it.
    const made = await getCoboGateway().createWallet({ name: coboWalletNameFor("Savings", alice.vaultId), vault_id: alice.vaultId });
    const res = await call(createWallet, { path: "/api/v1/wallets", token: alice.token, body: { name: "Savings" } });
    expect(res.status).toBe(201);
    expect((res.body as Wallet).wallet_id).toBe(made.wallet_id);
    const remote = await getCoboGateway().listWallets({ vault_id: alice.vaultId, limit: 50 });
    expect(remote.data.filter((w) => w.name === coboWalletNameFor("Savings", alice.vaultId))).toHaveLength(1);
  });

  it("two users may use the same wallet name (Cobo's names are unique per organisation)", async () => {
    const other = await readyAppUser(app.sandbox, "carol");
    const mine = await newWallet(alice, "Travel");
    const theirs = await newWallet(other, "Travel");
    expect(theirs.wallet_id).not.toBe(mine.wallet_id);
    expect(theirs.vault_id).toBe(other.vaultId);
  }, 120_000);

  it("answers 409 until the vault has a Main Group whose key generation succeeded", async () => {
    const noVault = await call(createWallet, { path: "/api/v1/wallets", token: bob.token, body: { name: "w" } });
    expect(noVault.status).toBe(409);

    const dave = await newAppUser("dave");
    expect((await call(createVault, { path: "/api/v1/vault", method: "POST", token: dave.token })).status).toBe(201);
    const noKey = await call(createWallet, { path: "/api/v1/wallets", token: dave.token, body: { name: "w" } });
    expect(noKey.status).toBe(409);
    expect((noKey.body as Problem & { detail: string }).detail).toMatch(/Main Group/);
    expect(await app.db.wallet.count({ where: { vault: { userId: dave.id } } })).toBe(0);
  });

  it("rejects names Cobo would refuse, naming the field, and creates nothing", async () => {
    const before = await app.db.wallet.count();
    for (const name of ["", "   ", "a+b", "a-b", "a=b", "me@home", "x".repeat(81), 42]) {
      const res = await call(createWallet, { path: "/api/v1/wallets", token: alice.token, body: { name } });
      expect(res.status, JSON.stringify(name)).toBe(422);
      expect(errorPaths(res.body)).toEqual(["body.name"]);
    }
    const missing = await call(createWallet, { path: "/api/v1/wallets", token: alice.token, body: {} });
    expect(missing.status).toBe(422);
    expect(errorPaths(missing.body)).toEqual(["body.name"]);
    expect(await app.db.wallet.count()).toBe(before);
  });

  it("needs a valid, unexpired token", async () => {
    expect((await call(createWallet, { path: "/api/v1/wallets", body: { name: "x" } })).status).toBe(401);
    expectExpiredTokenRefused(
      await call(createWallet, { path: "/api/v1/wallets", token: await expiredAccessToken(alice), body: { name: "x" } }),
    );
  });
});

describe("GET /api/v1/wallets and /api/v1/wallets/{wallet_id}", () => {
  it("lists and reads only the caller's wallets; another user's wallet is not found", async () => {
    const wallet = await newWallet(alice, "Listed");
    const mine = await call(listWallets, { path: "/api/v1/wallets", token: alice.token });
    expect(mine.status).toBe(200);
    expect((mine.body as { data: Wallet[] }).data.map((w) => w.wallet_id)).toContain(wallet.wallet_id);

    const theirs = await call(listWallets, { path: "/api/v1/wallets", token: bob.token });
    expect(theirs.body).toEqual({ data: [] });

    const one = await call(getWallet, {
      path: `/api/v1/wallets/${wallet.wallet_id}`,
      params: { wallet_id: wallet.wallet_id },
      token: alice.token,
    });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(wallet);

    const foreign = await call(getWallet, {
      path: `/api/v1/wallets/${wallet.wallet_id}`,
      params: { wallet_id: wallet.wallet_id },
      token: bob.token,
    });
    expect(foreign.status).toBe(404);
    const unknown = await call(getWallet, {
      path: "/api/v1/wallets/nope",
      params: { wallet_id: "00000000-0000-4000-8000-000000000000" },
      token: alice.token,
    });
    expect(unknown.status).toBe(404);
  });

  it("rejects a malformed wallet id and a missing or expired token", async () => {
    const bad = await call(getWallet, { path: "/api/v1/wallets/x", params: { wallet_id: "not a/valid id" }, token: alice.token });
    expect(bad.status).toBe(422);
    expect(errorPaths(bad.body)).toEqual(["path.wallet_id"]);
    expect((await call(listWallets, { path: "/api/v1/wallets" })).status).toBe(401);
    expectExpiredTokenRefused(await call(listWallets, { path: "/api/v1/wallets", token: await expiredAccessToken(alice) }));
    expect((await call(getWallet, { path: "/api/v1/wallets/x", params: { wallet_id: "abc" } })).status).toBe(401);
  });
});

describe("addresses", () => {
  let wallet: Wallet;
  beforeAll(async () => {
    wallet = await newWallet(alice, "Addresses");
  });
  const path = () => `/api/v1/wallets/${wallet.wallet_id}/addresses`;

  it("creates addresses and keeps their BIP32 path, public key and encoding", async () => {
    const xtn = await call(createAddress, {
      path: path(),
      params: { wallet_id: wallet.wallet_id },
      token: alice.token,
      body: { chain_id: "XTN" },
    });
    expect(xtn.status, xtn.text).toBe(201);
    const a = xtn.body as Address;
    expect(a).toMatchObject({ chain_id: "XTN", encoding: "ENCODING_BECH32" });
    expect(a.path).toMatch(/^m\/44\/1\/0\/0\/\d+$/);
    expect(a.pubkey).toMatch(/^[0-9a-f]{66}$/);
    const seth = await call(createAddress, {
      path: path(),
      params: { wallet_id: wallet.wallet_id },
      token: alice.token,
      body: { chain_id: "SETH" },
    });
    expect(seth.status).toBe(201);

    // Stored exactly as Cobo derived it (what disaster recovery reads).
    const remote = await getCoboGateway().listAddresses(wallet.wallet_id, { chain_ids: ["XTN"], limit: 50 });
    const stored = await app.db.address.findUniqueOrThrow({ where: { chainId_address: { chainId: "XTN", address: a.address } } });
    expect(remote.data.find((r) => r.address === a.address)).toMatchObject({
      path: stored.path,
      pubkey: stored.pubkey,
      encoding: stored.encoding,
    });

    const listed = await call(listAddresses, { path: path(), params: { wallet_id: wallet.wallet_id }, token: alice.token });
    expect(listed.status).toBe(200);
    expect((listed.body as { data: Address[] }).data.map((x) => x.chain_id)).toEqual(["XTN", "SETH"]);
    const onlyXtn = await call(listAddresses, {
      path: `${path()}?chain_id=XTN`,
      params: { wallet_id: wallet.wallet_id },
      token: alice.token,
    });
    expect((onlyXtn.body as { data: Address[] }).data).toEqual([
      expect.objectContaining({ address: a.address, path: a.path, pubkey: a.pubkey }),
    ]);
  });

  it("an address whose creation answer was lost is imported from Cobo, path and public key included", async () => {
    const before = new Set(
      (await app.db.address.findMany({ where: { wallet: { coboWalletId: wallet.wallet_id } } })).map((a) => a.address),
    );
    const lost = await withLossyCobo(
      app.sandbox,
      (method, p) => method === "POST" && p === `/v2/wallets/${wallet.wallet_id}/addresses`,
      () => call(createAddress, { path: path(), params: { wallet_id: wallet.wallet_id }, token: alice.token, body: { chain_id: "XTN" } }),
    );
    expect(lost.status).toBe(503);
    const remote = await getCoboGateway().listAddresses(wallet.wallet_id, { limit: 50 });
    const made = remote.data.filter((a) => !before.has(a.address));
    expect(made).toHaveLength(1);
    const stored = await app.db.address.findUniqueOrThrow({
      where: { chainId_address: { chainId: "XTN", address: made[0]?.address ?? "" } },
    });
    expect(stored).toMatchObject({ path: made[0]?.path, pubkey: made[0]?.pubkey });
  });

  it("rejects malformed and unknown chains, naming the field", async () => {
    const before = await app.db.address.count();
    const bad = await call(createAddress, {
      path: path(),
      params: { wallet_id: wallet.wallet_id },
      token: alice.token,
      body: { chain_id: "not a chain" },
    });
    expect(bad.status).toBe(422);
    expect(errorPaths(bad.body)).toEqual(["body.chain_id"]);
    const unknown = await call(createAddress, {
      path: path(),
      params: { wallet_id: wallet.wallet_id },
      token: alice.token,
      body: { chain_id: "DOGE" },
    });
    expect(unknown.status).toBe(422);
    expect(errorPaths(unknown.body)).toEqual(["body.chain_id"]);
    const badQuery = await call(listAddresses, {
      path: `${path()}?chain_id=a%20b`,
      params: { wallet_id: wallet.wallet_id },
      token: alice.token,
    });
    expect(badQuery.status).toBe(422);
    expect(errorPaths(badQuery.body)).toEqual(["query.chain_id"]);
    expect(await app.db.address.count()).toBe(before);
  });

  it("another user's wallet is not found; a token is required", async () => {
    const before = await app.db.address.count();
    const post = await call(createAddress, {
      path: path(),
      params: { wallet_id: wallet.wallet_id },
      token: bob.token,
      body: { chain_id: "XTN" },
    });
    expect(post.status).toBe(404);
    const get = await call(listAddresses, { path: path(), params: { wallet_id: wallet.wallet_id }, token: bob.token });
    expect(get.status).toBe(404);
    expect(await app.db.address.count()).toBe(before);
    expect((await call(createAddress, { path: path(), params: { wallet_id: wallet.wallet_id }, body: { chain_id: "XTN" } })).status).toBe(
      401,
    );
    expectExpiredTokenRefused(
      await call(listAddresses, { path: path(), params: { wallet_id: wallet.wallet_id }, token: await expiredAccessToken(alice) }),
    );
  });
});

describe("GET /api/v1/wallets/{wallet_id}/balances", () => {
  it("reads balances per token from Cobo as decimal strings", async () => {
    const wallet = await newWallet(alice, "Balances");
    const params = { wallet_id: wallet.wallet_id };
    const path = `/api/v1/wallets/${wallet.wallet_id}/balances`;
    const empty = await call(balances, { path, params, token: alice.token });
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ data: [] });

    const addr = (
      await call(createAddress, {
        path: `/api/v1/wallets/${wallet.wallet_id}/addresses`,
        params,
        token: alice.token,
        body: { chain_id: "XTN" },
      })
    ).body as Address;
    await simulateDeposit(app.sandbox, addr.address, "0.12345678");
    const funded = await waitFor(async () => {
      const res = await call(balances, { path: `${path}?token_id=XTN`, params, token: alice.token });
      const data = (res.body as { data: { token_id: string; balance: { total: string } }[] }).data;
      return data[0]?.balance.total === "0.12345678" ? data : undefined;
    }, "the deposit to be credited");
    expect(funded).toEqual([{ token_id: "XTN", balance: { total: "0.12345678", available: "0.12345678", pending: "0", locked: "0" } }]);
  });

  it("validates the token filter, hides other users' wallets and needs a token", async () => {
    const wallet = await newWallet(alice, "Balances 2");
    const params = { wallet_id: wallet.wallet_id };
    const path = `/api/v1/wallets/${wallet.wallet_id}/balances`;
    const bad = await call(balances, { path: `${path}?token_id=a%20b`, params, token: alice.token });
    expect(bad.status).toBe(422);
    expect(errorPaths(bad.body)).toEqual(["query.token_id"]);
    expect((await call(balances, { path, params, token: bob.token })).status).toBe(404);
    expect((await call(balances, { path, params })).status).toBe(401);
    expectExpiredTokenRefused(await call(balances, { path, params, token: await expiredAccessToken(alice) }));
  });
});
