import "server-only";
import { getCoboGateway, type CoboGateway } from "@/lib/cobo/client";
import { isEvmChain, type ChainInfo, type Page, type PageParams, type TokenInfo } from "@/lib/cobo/types";
import { AppError } from "@/lib/errors";
import { processSlot } from "@/lib/process-state";

// The chains and tokens the organisation enabled for UCW wallets, as Cobo lists them
// (listEnabledChains / listEnabledTokens). The same for every user and rarely changed (an admin
// enables a token in Cobo Portal), so they are kept in process for CATALOG_TTL_MS: the Client
// API's chain and token routes and every transfer check read them without a Cobo call each time.
// Nothing per user is kept here. Concurrent misses share one read; a failed read is not kept.
// The cache belongs to the gateway it was read through, so a new gateway (tests, a new Cobo
// environment) starts empty.

export const CATALOG_TTL_MS = 5 * 60_000;

/** At most this many pages (50 entries each) are read per list: far more than any organisation enables. */
const MAX_PAGES = 40;

export type Catalog = { chains: ChainInfo[]; tokens: TokenInfo[]; readAt: number };

type Entry = { value?: Catalog; pending?: Promise<Catalog> };

const cacheSlot = processSlot("coboCatalogCache", () => new WeakMap<CoboGateway, Entry>(), { envDerived: true });

async function readAll<T>(list: (page: PageParams) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await list({ limit: 50, ...(after ? { after } : {}) });
    out.push(...res.data);
    after = res.pagination?.after ?? undefined;
    if (!after || res.data.length === 0) break;
  }
  return out;
}

async function readCatalog(gateway: CoboGateway): Promise<Catalog> {
  const [chains, tokens] = await Promise.all([readAll((p) => gateway.listEnabledChains(p)), readAll((p) => gateway.listEnabledTokens(p))]);
  return { chains, tokens, readAt: Date.now() };
}

/** The enabled chains and tokens, from the cache when it is younger than CATALOG_TTL_MS. */
export async function getCatalog(now: number = Date.now()): Promise<Catalog> {
  const gateway = getCoboGateway();
  const cache = cacheSlot.get();
  let entry = cache.get(gateway);
  if (!entry) {
    entry = {};
    cache.set(gateway, entry);
  }
  if (entry.value && now - entry.value.readAt < CATALOG_TTL_MS) return entry.value;
  if (entry.pending) return entry.pending;
  const e = entry;
  const pending = readCatalog(gateway)
    .then((value) => {
      e.value = value;
      return value;
    })
    .finally(() => {
      e.pending = undefined;
    });
  e.pending = pending;
  return pending;
}

/** Forgets the cached catalog (tests; an operator who just enabled a token can also restart). */
export function forgetCatalog(): void {
  cacheSlot.reset();
}

/** The enabled chains. */
export async function listEnabledChains(): Promise<ChainInfo[]> {
  return (await getCatalog()).chains;
}

/** The enabled tokens, optionally those of one chain. */
export async function listEnabledTokens(chainId?: string): Promise<TokenInfo[]> {
  const { tokens } = await getCatalog();
  return chainId ? tokens.filter((t) => t.chain_id === chainId) : tokens;
}

/** An enabled token, or null when the organisation has not enabled it (or Cobo does not know it). */
export async function findEnabledToken(tokenId: string): Promise<TokenInfo | null> {
  return (await getCatalog()).tokens.find((t) => t.token_id === tokenId) ?? null;
}

/** An enabled token, or 404. */
export async function requireEnabledToken(tokenId: string): Promise<TokenInfo> {
  const token = await findEnabledToken(tokenId);
  if (!token) throw new AppError("not_found", `Token ${tokenId} is not enabled.`);
  return token;
}

/** An enabled chain, or null. */
export async function findEnabledChain(chainId: string): Promise<ChainInfo | null> {
  return (await getCatalog()).chains.find((c) => c.chain_id === chainId) ?? null;
}

/**
 * Whether an address created on `addressChainId` can be used on `chainId`: the same chain, or two
 * enabled EVM chains.
 */
export async function addressUsableOn(addressChainId: string, chainId: string): Promise<boolean> {
  if (addressChainId === chainId) return true;
  const { chains } = await getCatalog();
  const byId = (id: string) => chains.find((c) => c.chain_id === id);
  return isEvmChain(byId(addressChainId)) && isEvmChain(byId(chainId));
}
