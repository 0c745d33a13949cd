import { z } from "zod";
import { endpoint } from "@/lib/api/v1/endpoint";
import { ChainId, TokenId } from "@/lib/api/v1/wallets.schema";

// The chains and tokens the organisation enabled for UCW wallets at Cobo. The same for every
// user; read from Cobo and kept in process for a few minutes (lib/server/catalog/cobo-catalog.ts).

export const ChainSchema = z
  .object({
    chain_id: z.string().describe('Cobo chain id, e.g. "SETH"'),
    symbol: z.string().nullable(),
    icon_url: z.string().nullable(),
    explorer_tx_url: z.string().nullable().describe("Transaction URL pattern ({txn_id})"),
    explorer_address_url: z.string().nullable().describe("Address URL pattern ({address})"),
    require_memo: z.boolean().describe("Transfers to this chain need a memo / tag"),
    confirming_threshold: z.number().int().nullable().describe("Confirmations Cobo waits for"),
    chain_identifier: z.string().nullable().describe('Cobo\'s family of the chain: "ETH" for every EVM chain'),
    caip2_chain_id: z.string().nullable().describe('CAIP-2 id, e.g. "eip155:11155111"'),
    evm: z.boolean().describe("EVM-compatible: an EVM address of yours works on every enabled EVM chain"),
  })
  .meta({ id: "Chain" });

export const ChainList = z.object({ data: z.array(ChainSchema) }).meta({ id: "ChainList" });

export const TokenSchema = z
  .object({
    token_id: z.string().describe('Cobo token id, e.g. "SETH" or "TBSC_USDT"'),
    chain_id: z.string().nullable(),
    symbol: z.string().nullable(),
    name: z.string().nullable(),
    decimal: z.number().int().nullable().describe("Decimal places of the token's amounts"),
    icon_url: z.string().nullable(),
    token_address: z.string().nullable().describe("Contract address (empty or null for a chain's native coin)"),
    fee_token_id: z.string().nullable().describe("Token that pays this token's transfer fees"),
    can_deposit: z.boolean().nullable(),
    can_withdraw: z.boolean().nullable(),
    dust_threshold: z.string().nullable().describe("Decimal string: smallest amount Cobo transfers"),
    asset_model_type: z.string().nullable().describe("UTXO or Account"),
  })
  .meta({ id: "Token" });

export const TokenList = z.object({ data: z.array(TokenSchema) }).meta({ id: "TokenList" });

export const TokenListQuery = z.object({ chain_id: ChainId.optional().describe("Only the tokens of this chain") });

export const TokenIdParams = z.object({ token_id: TokenId });

/** The operations of this part of the API, by name (route files import them; lib/api/v1/endpoints.ts lists them all). */
export const catalogApi = {
  listChains: endpoint({
    method: "get",
    path: "/api/v1/chains",
    tag: "Chains and tokens",
    summary: "List the chains enabled for wallets",
    description: "As Cobo lists them for User-Controlled wallets; may be up to 5 minutes old.",
    auth: "bearer",
    responses: { 200: { description: "The enabled chains", schema: ChainList } },
    errors: [502, 503],
  }),
  listTokens: endpoint({
    method: "get",
    path: "/api/v1/tokens",
    tag: "Chains and tokens",
    summary: "List the tokens enabled for wallets",
    description: "As Cobo lists them for User-Controlled wallets; may be up to 5 minutes old.",
    auth: "bearer",
    query: TokenListQuery,
    responses: { 200: { description: "The enabled tokens (of the chain, if one is given)", schema: TokenList } },
    errors: [422, 502, 503],
  }),
  getToken: endpoint({
    method: "get",
    path: "/api/v1/tokens/{token_id}",
    tag: "Chains and tokens",
    summary: "Get an enabled token",
    auth: "bearer",
    params: TokenIdParams,
    responses: { 200: { description: "The token", schema: TokenSchema } },
    errors: [404, 422, 502, 503],
  }),
};
