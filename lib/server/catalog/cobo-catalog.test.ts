import { afterEach, describe, expect, it } from "vitest";
import { coboGatewaySlot, type CoboGateway } from "@/lib/cobo/client";
import type { ChainInfo, Page, TokenInfo } from "@/lib/cobo/types";
import {
  addressUsableOn,
  CATALOG_TTL_MS,
  forgetCatalog,
  getCatalog,
  listEnabledTokens,
  requireEnabledToken,
} from "@/lib/server/catalog/cobo-catalog";

// The in-process cache of the organisation's enabled chains and tokens: read once per TTL per
// gateway, concurrent misses share one read, failures are not kept, every page is read.

const CHAINS: ChainInfo[] = [
  { chain_id: "SETH", chain_identifier: "ETH", caip2_chain_id: "eip155:11155111" },
  { chain_id: "TBSC_BNB", caip2_chain_id: "eip155:97" },
  { chain_id: "XTN", chain_identifier: "BTC" },
];
const TOKENS: TokenInfo[] = [
  { token_id: "SETH", chain_id: "SETH" },
  { token_id: "TBSC_BNB", chain_id: "TBSC_BNB" },
  { token_id: "TBSC_USDT", chain_id: "TBSC_BNB" },
];

/** A gateway whose catalog lists answer from memory, two entries per page, counting the calls. */
function fakeGateway(opts: { fail?: () => boolean } = {}) {
  const calls = { chains: 0, tokens: 0 };
  const page = <T>(items: T[], after?: string): Page<T> => {
    const start = after ? Number(after) : 0;
    const next = start + 2 < items.length ? String(start + 2) : "";
    return { data: items.slice(start, start + 2), pagination: { after: next } };
  };
  const gateway = {
    async listEnabledChains(p: { after?: string }) {
      calls.chains++;
      if (opts.fail?.()) throw new Error("Cobo is down");
      return page(CHAINS, p.after);
    },
    async listEnabledTokens(p: { after?: string }) {
      calls.tokens++;
      return page(TOKENS, p.after);
    },
  } as unknown as CoboGateway;
  return { gateway, calls };
}

afterEach(() => {
  forgetCatalog();
  coboGatewaySlot.reset();
});

describe("cobo catalog cache", () => {
  it("reads every page once per TTL, and shares one read between concurrent callers", async () => {
    const { gateway, calls } = fakeGateway();
    coboGatewaySlot.set(gateway);
    const [a, b] = await Promise.all([getCatalog(1_000), getCatalog(1_000)]);
    expect(a).toBe(b);
    expect(a.chains.map((c) => c.chain_id)).toEqual(["SETH", "TBSC_BNB", "XTN"]);
    expect(a.tokens.map((t) => t.token_id)).toEqual(["SETH", "TBSC_BNB", "TBSC_USDT"]);
    // two pages each
    expect(calls).toEqual({ chains: 2, tokens: 2 });
    await getCatalog(a.readAt + CATALOG_TTL_MS - 1);
    expect(calls).toEqual({ chains: 2, tokens: 2 });
    await getCatalog(a.readAt + CATALOG_TTL_MS);
    expect(calls).toEqual({ chains: 4, tokens: 4 });
  });

  it("keeps no failed read, and starts empty for another gateway", async () => {
    let down = true;
    const { gateway, calls } = fakeGateway({ fail: () => down });
    coboGatewaySlot.set(gateway);
    await expect(getCatalog()).rejects.toThrow("Cobo is down");
    down = false;
    expect((await getCatalog()).chains).toHaveLength(3);
    expect(calls.chains).toBe(3);
    const other = fakeGateway();
    coboGatewaySlot.set(other.gateway);
    await getCatalog();
    expect(other.calls.chains).toBe(2);
  });

  it("filters tokens by chain, 404s a token that is not enabled, and treats EVM chains as one address space", async () => {
    coboGatewaySlot.set(fakeGateway().gateway);
    expect((await listEnabledTokens("TBSC_BNB")).map((t) => t.token_id)).toEqual(["TBSC_BNB", "TBSC_USDT"]);
    await expect(requireEnabledToken("ETH_USDT")).rejects.toMatchObject({ code: "not_found" });
    expect(await addressUsableOn("SETH", "TBSC_BNB")).toBe(true);
    expect(await addressUsableOn("SETH", "XTN")).toBe(false);
    expect(await addressUsableOn("XTN", "XTN")).toBe(true);
    // a chain the organisation has not enabled is not treated as EVM
    expect(await addressUsableOn("SETH", "ARBITRUM_ETH")).toBe(false);
  });
});
