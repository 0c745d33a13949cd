import type { Context, Hono } from "hono";
import { z } from "zod";
import { isValidAddress } from "../crypto/chains.js";
import { jsonBody, param, queryOf, type AppEnv } from "../http/app-env.js";
import { CoboError, ErrorCode, notFound } from "../http/errors.js";
import { paginate } from "../http/pagination.js";
import { csvParam, nonEmpty, pageQuery, parseOrThrow } from "../http/validate.js";
import { CHAINS, findChain, findToken, TOKENS, type ChainInfo, type TokenInfo } from "../domain/catalog.js";
import type { Runtime } from "../domain/runtime.js";
import { addressWire, walletWire } from "../domain/serializers.js";
import { createAddresses, createWallet, getWallet, sameAddress, tokenBalances, updateWallet } from "../domain/wallets.js";

// WalletsApi: wallets, addresses, balances, chains and tokens, under /v2/wallets.

const walletTypeEnum = z.enum(["Custodial", "MPC", "SmartContract", "Exchange"]);
const walletSubtypeEnum = z.enum(["Asset", "Web3", "Org-Controlled", "User-Controlled", "Safe{Wallet}", "Main", "Sub"]);
const createWalletBody = z.object({
  name: nonEmpty,
  wallet_type: walletTypeEnum,
  wallet_subtype: walletSubtypeEnum,
  vault_id: nonEmpty,
});
const updateWalletBody = z.object({ wallet_type: walletTypeEnum, name: nonEmpty.optional() });
const listWalletsQuery = pageQuery.extend({
  wallet_type: walletTypeEnum.optional(),
  wallet_subtype: walletSubtypeEnum.optional(),
  project_id: nonEmpty.optional(),
  vault_id: nonEmpty.optional(),
});
const createAddressBody = z.object({
  chain_id: nonEmpty,
  count: z.number().int().min(1).max(50).optional(),
  encoding: z
    .enum([
      "ENCODING_P2PKH",
      "ENCODING_P2SH_P2WPKH",
      "ENCODING_BECH32",
      "ENCODING_P2PKH_UNCOMPRESSED",
      "ENCODING_P2SH_P2MS",
      "ENCODING_P2SH_P2WSH_P2MS",
      "ENCODING_P2TR",
    ])
    .optional(),
});
const listAddressesQuery = pageQuery.extend({ chain_ids: csvParam, addresses: csvParam });
const balancesQuery = pageQuery.extend({ token_ids: csvParam });
const catalogQuery = pageQuery.extend({
  wallet_type: walletTypeEnum.optional(),
  wallet_subtype: walletSubtypeEnum.optional(),
  chain_ids: csvParam,
  token_ids: csvParam,
});
const checkAddressQuery = z.object({ chain_id: nonEmpty, address: nonEmpty });

/** Whether the catalog applies to the wallet type/subtype filter (the sandbox enables MPC User-Controlled). */
function catalogApplies(q: { wallet_type?: string | undefined; wallet_subtype?: string | undefined }): boolean {
  return (
    (q.wallet_type === undefined || q.wallet_type === "MPC") && (q.wallet_subtype === undefined || q.wallet_subtype === "User-Controlled")
  );
}

/** Registers the wallet routes. */
export function registerWalletRoutes(app: Hono<AppEnv>, rt: Runtime): void {
  const { store } = rt;

  const chainsPage = (c: Context<AppEnv>) => {
    const q = parseOrThrow(catalogQuery, queryOf(c));
    const items: ChainInfo[] = catalogApplies(q) ? CHAINS.filter((ch) => !q.chain_ids || q.chain_ids.includes(ch.chain_id)) : [];
    return c.json(paginate(items, (ch) => ch.chain_id, q));
  };
  const tokensPage = (c: Context<AppEnv>) => {
    const q = parseOrThrow(catalogQuery, queryOf(c));
    const items: TokenInfo[] = catalogApplies(q)
      ? TOKENS.filter((t) => (!q.chain_ids || q.chain_ids.includes(t.chain_id)) && (!q.token_ids || q.token_ids.includes(t.token_id)))
      : [];
    return c.json(paginate(items, (t) => t.token_id, q));
  };
  app.get("/v2/wallets/enabled_chains", chainsPage);
  app.get("/v2/wallets/chains", chainsPage);
  app.get("/v2/wallets/enabled_tokens", tokensPage);
  app.get("/v2/wallets/tokens", tokensPage);
  app.get("/v2/wallets/chains/:chain_id", (c) => {
    const chain = findChain(param(c, "chain_id"));
    if (!chain) throw notFound("Chain");
    return c.json(chain);
  });
  app.get("/v2/wallets/tokens/:token_id", (c) => {
    const token = findToken(param(c, "token_id"));
    if (!token) throw notFound("Token");
    return c.json(token);
  });
  app.get("/v2/wallets/check_address_validity", (c) => {
    const q = parseOrThrow(checkAddressQuery, queryOf(c));
    const chain = findChain(q.chain_id);
    if (!chain) throw new CoboError(400, ErrorCode.chainNotEnabled, `The chain ${q.chain_id} is not enabled`);
    return c.json({ validity: isValidAddress(chain.chain_id, q.address) });
  });

  app.post("/v2/wallets", async (c) => {
    const body = parseOrThrow(createWalletBody, jsonBody(c));
    const result = await store.mutate((s) => walletWire(createWallet(rt, s, body), s));
    rt.kick();
    return c.json(result, 201);
  });
  app.get("/v2/wallets", (c) => {
    const q = parseOrThrow(listWalletsQuery, queryOf(c));
    const items = store.state.wallets
      .filter(
        (w) =>
          (!q.wallet_type || w.wallet_type === q.wallet_type) &&
          (!q.wallet_subtype || w.wallet_subtype === q.wallet_subtype) &&
          (!q.project_id || w.project_id === q.project_id) &&
          (!q.vault_id || w.vault_id === q.vault_id),
      )
      .reverse();
    const page = paginate(items, (w) => w.wallet_id, q);
    return c.json({ data: page.data.map((w) => walletWire(w, store.state)), pagination: page.pagination });
  });
  app.get("/v2/wallets/:wallet_id", (c) => c.json(walletWire(getWallet(store.state, param(c, "wallet_id")), store.state)));
  app.put("/v2/wallets/:wallet_id", async (c) => {
    const body = parseOrThrow(updateWalletBody, jsonBody(c));
    const result = await store.mutate((s) => walletWire(updateWallet(s, param(c, "wallet_id"), body), s));
    return c.json(result);
  });

  app.post("/v2/wallets/:wallet_id/addresses", async (c) => {
    const body = parseOrThrow(createAddressBody, jsonBody(c));
    const created = await store.mutate((s) =>
      createAddresses(rt, s, param(c, "wallet_id"), { chain_id: body.chain_id, count: body.count ?? 1, encoding: body.encoding }).map(
        addressWire,
      ),
    );
    rt.kick();
    return c.json(created, 201);
  });
  app.get("/v2/wallets/:wallet_id/addresses", (c) => {
    const q = parseOrThrow(listAddressesQuery, queryOf(c));
    const wallet = getWallet(store.state, param(c, "wallet_id"));
    const wanted = q.addresses?.map((a) => a.split("|")[0] ?? a);
    const items = store.state.addresses
      .filter(
        (a) =>
          a.wallet_id === wallet.wallet_id &&
          (!q.chain_ids || q.chain_ids.includes(a.chain_id)) &&
          (!wanted || wanted.some((w) => sameAddress(a.chain_id, a.address, w))),
      )
      .reverse();
    const page = paginate(items, (a) => `${a.chain_id}:${a.address}`, q);
    return c.json({ data: page.data.map(addressWire), pagination: page.pagination });
  });
  app.get("/v2/wallets/:wallet_id/tokens", (c) => {
    const q = parseOrThrow(balancesQuery, queryOf(c));
    const wallet = getWallet(store.state, param(c, "wallet_id"));
    return c.json(paginate(tokenBalances(store.state, wallet.wallet_id, null, q.token_ids), (b) => b.token_id, q));
  });
  app.get("/v2/wallets/:wallet_id/addresses/:address/tokens", (c) => {
    const q = parseOrThrow(balancesQuery, queryOf(c));
    const wallet = getWallet(store.state, param(c, "wallet_id"));
    const address = param(c, "address");
    const rec = store.state.addresses.find((a) => a.wallet_id === wallet.wallet_id && sameAddress(a.chain_id, a.address, address));
    if (!rec) throw notFound("Address");
    return c.json(paginate(tokenBalances(store.state, wallet.wallet_id, rec.address, q.token_ids), (b) => b.token_id, q));
  });
}
