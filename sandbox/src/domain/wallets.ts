import { randomUUID } from "node:crypto";
import { addressFamily, deriveAddress, isEvmChainId, isSupportedChain } from "../crypto/chains.js";
import { CoboError, ErrorCode, invalidParam, notFound } from "../http/errors.js";
import type { AddressRecord, BalanceRecord, SandboxState, WalletRecord } from "../state/types.js";
import { formatAmount } from "./amounts.js";
import { addressUsableOn, findChain, findToken, TOKENS, type TokenInfo } from "./catalog.js";
import { getGroup, getVault } from "./mpc.js";
import { emit, type Runtime } from "./runtime.js";
import { addressWire, walletWire } from "./serializers.js";

// MPC wallets (User-Controlled), their addresses (derived from the vault's root
// xpub, public derivation only) and token balances (bigints of base units).

const MAX_WALLET_NAME = 100;
const FORBIDDEN_NAME_CHARS = /[+\-=@]/;

/** Finds a wallet or throws 404. */
export function getWallet(state: SandboxState, walletId: string): WalletRecord {
  const w = state.wallets.find((x) => x.wallet_id === walletId);
  if (!w) throw notFound("Wallet");
  return w;
}

/** Creates a User-Controlled MPC wallet in a vault and emits `wallets.created`. */
export function createWallet(
  rt: Runtime,
  state: SandboxState,
  input: { name: string; wallet_type: string; wallet_subtype: string; vault_id: string },
): WalletRecord {
  if (input.wallet_type !== "MPC" || input.wallet_subtype !== "User-Controlled") {
    throw invalidParam("Invalid parameter wallet_subtype: the sandbox serves MPC User-Controlled wallets only");
  }
  if (input.name.length > MAX_WALLET_NAME) {
    throw new CoboError(400, ErrorCode.walletNameTooLong, `The wallet name exceeds ${MAX_WALLET_NAME} characters`);
  }
  if (FORBIDDEN_NAME_CHARS.test(input.name)) {
    throw new CoboError(400, ErrorCode.walletNameInvalid, "The wallet name contains invalid characters (+ - = @)");
  }
  if (state.wallets.some((w) => w.name === input.name)) {
    throw new CoboError(400, ErrorCode.walletNameTaken, "A wallet with this name already exists in the organization");
  }
  const vault = getVault(state, input.vault_id);
  const wallet: WalletRecord = {
    wallet_id: randomUUID(),
    wallet_type: "MPC",
    wallet_subtype: "User-Controlled",
    name: input.name,
    org_id: state.org_id,
    project_id: vault.project_id,
    vault_id: vault.vault_id,
    created_timestamp: Date.now(),
  };
  state.wallets.push(wallet);
  emit(rt, state, "wallets.created", { data_type: "WalletInfo", wallet: walletWire(wallet, state) });
  return wallet;
}

/** Renames a wallet (UpdateMpcWalletParams). */
export function updateWallet(
  state: SandboxState,
  walletId: string,
  input: { wallet_type: string; name?: string | undefined },
): WalletRecord {
  const wallet = getWallet(state, walletId);
  if (input.wallet_type !== wallet.wallet_type) throw invalidParam("Invalid parameter wallet_type: does not match the wallet");
  if (input.name !== undefined && input.name !== wallet.name) {
    if (input.name.length > MAX_WALLET_NAME)
      throw new CoboError(400, ErrorCode.walletNameTooLong, `The wallet name exceeds ${MAX_WALLET_NAME} characters`);
    if (FORBIDDEN_NAME_CHARS.test(input.name))
      throw new CoboError(400, ErrorCode.walletNameInvalid, "The wallet name contains invalid characters (+ - = @)");
    if (state.wallets.some((w) => w.name === input.name))
      throw new CoboError(400, ErrorCode.walletNameTaken, "A wallet with this name already exists in the organization");
    wallet.name = input.name;
  }
  return wallet;
}

/**
 * Creates `count` addresses on a chain and emits `wallets.addresses.created`.
 * Needs the vault's Main Group to hold a key (Valid). Indexes count per vault
 * and chain, because all wallets of a vault share one root key: two wallets
 * must never get the same address. All EVM chains share one count (their
 * addresses are the same keys): a new address on any EVM chain is a new one.
 */
export function createAddresses(
  rt: Runtime,
  state: SandboxState,
  walletId: string,
  input: { chain_id: string; count: number; encoding?: string | undefined },
): AddressRecord[] {
  const wallet = getWallet(state, walletId);
  const chain = findChain(input.chain_id);
  if (!chain || !isSupportedChain(input.chain_id)) {
    throw new CoboError(400, ErrorCode.chainNotEnabled, `The chain ${input.chain_id} is not enabled`);
  }
  const vault = getVault(state, wallet.vault_id);
  const main = vault.active_main_group_id ? getGroup(state, vault.vault_id, vault.active_main_group_id) : null;
  if (!main || main.status !== "Valid" || vault.xpub === null) {
    throw new CoboError(
      400,
      ErrorCode.noSigningGroup,
      "No key share holder group is available for signing: the vault's Main Group has no key yet",
    );
  }
  const rootPubkey = vault.root_pubkeys.find((k) => k.curve === "SECP256K1")?.root_pubkey ?? "";
  const key = `${vault.vault_id}:${addressFamily(chain.chain_id)}`;
  const created: AddressRecord[] = [];
  // (state saved before EVM chains shared a count kept Sepolia's under its chain id)
  let next = state.address_indexes[key] ?? (isEvmChainId(chain.chain_id) ? (state.address_indexes[`${vault.vault_id}:SETH`] ?? 0) : 0);
  for (let i = 0; i < input.count; i++) {
    const derived = deriveAddress(vault.xpub, chain.chain_id, next);
    if (input.encoding !== undefined && input.encoding !== derived.encoding) {
      throw invalidParam(`Invalid parameter encoding: ${chain.chain_id} addresses use ${derived.encoding}`);
    }
    created.push({
      address: derived.address,
      chain_id: derived.chain_id,
      wallet_id: wallet.wallet_id,
      vault_id: vault.vault_id,
      path: derived.path,
      encoding: derived.encoding,
      pubkey: derived.pubkey,
      root_pubkey: rootPubkey,
      index: next,
      created_timestamp: Date.now(),
    });
    next += 1;
  }
  state.address_indexes[key] = next;
  state.addresses.push(...created);
  emit(rt, state, "wallets.addresses.created", { data_type: "Addresses", addresses: created.map(addressWire) });
  return created;
}

/**
 * The address record of a wallet usable on a chain, if any: one created on that chain, or, on an
 * EVM chain, one created on any EVM chain (Cobo: EVM addresses work on every EVM chain).
 */
export function findWalletAddress(state: SandboxState, walletId: string, chainId: string, address: string): AddressRecord | undefined {
  return (
    state.addresses.find((a) => a.wallet_id === walletId && a.chain_id === chainId && sameAddress(chainId, a.address, address)) ??
    state.addresses.find(
      (a) => a.wallet_id === walletId && addressUsableOn(a.chain_id, chainId) && sameAddress(a.chain_id, a.address, address),
    )
  );
}

/** Compares addresses the way the chain does (EVM addresses are case-insensitive). */
export function sameAddress(chainId: string, a: string, b: string): boolean {
  return isEvmChainId(chainId) ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** The balance record of (wallet, address, token), created on demand. */
export function balanceOf(state: SandboxState, walletId: string, address: string, tokenId: string): BalanceRecord {
  let b = state.balances.find((x) => x.wallet_id === walletId && x.address === address && x.token_id === tokenId);
  if (!b) {
    b = { wallet_id: walletId, address, token_id: tokenId, total: "0", locked: "0" };
    state.balances.push(b);
  }
  return b;
}

/** Available base units of an address (total minus locked). */
export function availableBase(state: SandboxState, walletId: string, address: string, tokenId: string): bigint {
  const b = state.balances.find((x) => x.wallet_id === walletId && x.address === address && x.token_id === tokenId);
  return b ? BigInt(b.total) - BigInt(b.locked) : 0n;
}

/** Cobo's TokenBalance entry. */
export interface TokenBalanceWire {
  token_id: string;
  balance: { total: string; available: string; pending: string; locked: string };
}

function balanceWire(token: TokenInfo, total: bigint, locked: bigint): TokenBalanceWire {
  return {
    token_id: token.token_id,
    balance: {
      total: formatAmount(total, token.decimal),
      available: formatAmount(total - locked, token.decimal),
      pending: formatAmount(locked, token.decimal),
      locked: formatAmount(locked, token.decimal),
    },
  };
}

/** Token balances of a wallet (or of one of its addresses), one entry per token. */
export function tokenBalances(
  state: SandboxState,
  walletId: string,
  address: string | null,
  tokenIds: string[] | undefined,
): TokenBalanceWire[] {
  const records = state.balances.filter((b) => b.wallet_id === walletId && (address === null || b.address === address));
  const wanted = tokenIds ?? TOKENS.filter((t) => records.some((b) => b.token_id === t.token_id)).map((t) => t.token_id);
  const out: TokenBalanceWire[] = [];
  for (const id of wanted) {
    const token = findToken(id);
    if (!token) continue;
    let total = 0n;
    let locked = 0n;
    for (const b of records) {
      if (b.token_id !== id) continue;
      total += BigInt(b.total);
      locked += BigInt(b.locked);
    }
    out.push(balanceWire(token, total, locked));
  }
  return out;
}
