import { z } from "zod";
import type { Transport } from "@/lib/cobo/transport";
import {
  AddressInfoSchema,
  ChainInfoSchema,
  pageSchema,
  TokenBalanceSchema,
  TokenInfoSchema,
  WalletInfoSchema,
  type AddressInfo,
  type ChainInfo,
  type Page,
  type PageParams,
  type TokenBalance,
  type TokenInfo,
  type WalletInfo,
} from "@/lib/cobo/types";

// Wallets, addresses, tokens, chains and balances (class WalletsApi; docs/cobo.md#wallets). Every wallet
// this product creates is an MPC User-Controlled wallet, so those two values are fixed here.

const UCW = { wallet_type: "MPC", wallet_subtype: "User-Controlled" } as const;

export type AddressEncoding =
  | "ENCODING_P2PKH"
  | "ENCODING_P2SH_P2WPKH"
  | "ENCODING_BECH32"
  | "ENCODING_P2PKH_UNCOMPRESSED"
  | "ENCODING_P2SH_P2MS"
  | "ENCODING_P2SH_P2WSH_P2MS"
  | "ENCODING_P2TR";

/** Cobo takes id lists as comma-separated text. */
const csv = (ids: readonly string[] | undefined): string | undefined => (ids && ids.length > 0 ? ids.join(",") : undefined);

export type WalletsGateway = ReturnType<typeof createWalletsGateway>;

/** The wallet functions of the gateway, bound to one transport. */
export function createWalletsGateway(t: Transport) {
  return {
    /** Creates a UCW wallet in a vault (name ≤ 100 chars, unique per organisation, no `+ - = @`). */
    createWallet(params: { name: string; vault_id: string }): Promise<WalletInfo> {
      return t.call({
        operation: "createWallet",
        safety: "unsafe",
        send: (a) => a.wallets.createWalletWithHttpInfo({ CreateWalletParams: { ...UCW, name: params.name, vault_id: params.vault_id } }),
        schema: WalletInfoSchema,
      });
    },

    /** Reads one wallet. */
    getWallet(walletId: string): Promise<WalletInfo> {
      return t.call({
        operation: "getWallet",
        safety: "read",
        send: (a) => a.wallets.getWalletByIdWithHttpInfo(walletId),
        schema: WalletInfoSchema,
      });
    },

    /** Lists UCW wallets, optionally of one project or vault (to reconcile a create whose answer was lost). */
    listWallets(params: PageParams & { project_id?: string; vault_id?: string } = {}): Promise<Page<WalletInfo>> {
      return t.call({
        operation: "listWallets",
        safety: "read",
        send: (a) => a.wallets.listWalletsWithHttpInfo({ ...UCW, ...params }),
        schema: pageSchema(WalletInfoSchema),
      });
    },

    /** Derives new addresses; the caller must persist each `path` and `pubkey` (disaster recovery needs them). */
    createAddress(walletId: string, params: { chain_id: string; count?: number; encoding?: AddressEncoding }): Promise<AddressInfo[]> {
      return t.call({
        operation: "createAddress",
        safety: "unsafe",
        send: (a) => a.wallets.createAddressWithHttpInfo(walletId, { CreateAddressRequest: { count: 1, ...params } }),
        schema: z.array(AddressInfoSchema),
      });
    },

    /** Lists a wallet's addresses, optionally filtered by chains or by the addresses themselves. */
    listAddresses(walletId: string, params: PageParams & { chain_ids?: string[]; addresses?: string[] } = {}): Promise<Page<AddressInfo>> {
      const { chain_ids, addresses, ...page } = params;
      return t.call({
        operation: "listAddresses",
        safety: "read",
        send: (a) => a.wallets.listAddressesWithHttpInfo(walletId, { ...page, chain_ids: csv(chain_ids), addresses: csv(addresses) }),
        schema: pageSchema(AddressInfoSchema),
      });
    },

    /** Reads one token (chain, decimals, fee token). */
    getToken(tokenId: string): Promise<TokenInfo> {
      return t.call({
        operation: "getToken",
        safety: "read",
        send: (a) => a.wallets.getTokenByIdWithHttpInfo(tokenId),
        schema: TokenInfoSchema,
      });
    },

    /** Tokens the organisation enabled for UCW wallets. */
    listEnabledTokens(params: PageParams & { chain_ids?: string[] } = {}): Promise<Page<TokenInfo>> {
      const { chain_ids, ...page } = params;
      return t.call({
        operation: "listEnabledTokens",
        safety: "read",
        send: (a) => a.wallets.listEnabledTokensWithHttpInfo({ ...UCW, ...page, chain_ids: csv(chain_ids) }),
        schema: pageSchema(TokenInfoSchema),
      });
    },

    /** Reads one chain. */
    getChain(chainId: string): Promise<ChainInfo> {
      return t.call({
        operation: "getChain",
        safety: "read",
        send: (a) => a.wallets.getChainByIdWithHttpInfo(chainId),
        schema: ChainInfoSchema,
      });
    },

    /** Chains the organisation enabled for UCW wallets. */
    listEnabledChains(params: PageParams = {}): Promise<Page<ChainInfo>> {
      return t.call({
        operation: "listEnabledChains",
        safety: "read",
        send: (a) => a.wallets.listEnabledChainsWithHttpInfo({ ...UCW, ...params }),
        schema: pageSchema(ChainInfoSchema),
      });
    },

    /** Balances of a wallet per token (decimal strings). */
    listTokenBalancesForWallet(walletId: string, params: PageParams & { token_ids?: string[] } = {}): Promise<Page<TokenBalance>> {
      const { token_ids, ...page } = params;
      return t.call({
        operation: "listTokenBalancesForWallet",
        safety: "read",
        send: (a) => a.wallets.listTokenBalancesForWalletWithHttpInfo(walletId, { ...page, token_ids: csv(token_ids) }),
        schema: pageSchema(TokenBalanceSchema),
      });
    },

    /** Balances of one address per token (decimal strings). */
    listTokenBalancesForAddress(
      walletId: string,
      address: string,
      params: PageParams & { token_ids?: string[] } = {},
    ): Promise<Page<TokenBalance>> {
      const { token_ids, ...page } = params;
      return t.call({
        operation: "listTokenBalancesForAddress",
        safety: "read",
        send: (a) => a.wallets.listTokenBalancesForAddressWithHttpInfo(walletId, address, { ...page, token_ids: csv(token_ids) }),
        schema: pageSchema(TokenBalanceSchema),
      });
    },
  };
}
