import type { z } from "zod";
import type { ChainSchema, TokenSchema } from "@/lib/api/v1/catalog.schema";
import { isEvmChain, type ChainInfo, type TokenInfo } from "@/lib/cobo/types";

// Cobo's ChainInfo / TokenInfo → the Client API's chain and token answers (absent fields are null).

export type ChainDto = z.output<typeof ChainSchema>;
export type TokenDto = z.output<typeof TokenSchema>;

export function presentChain(c: ChainInfo): ChainDto {
  return {
    chain_id: c.chain_id,
    symbol: c.symbol ?? null,
    icon_url: c.icon_url ?? null,
    explorer_tx_url: c.explorer_tx_url ?? null,
    explorer_address_url: c.explorer_address_url ?? null,
    require_memo: c.require_memo ?? false,
    confirming_threshold: typeof c.confirming_threshold === "number" ? Math.trunc(c.confirming_threshold) : null,
    chain_identifier: c.chain_identifier ?? null,
    caip2_chain_id: c.caip2_chain_id ?? null,
    evm: isEvmChain(c),
  };
}

export function presentToken(t: TokenInfo): TokenDto {
  return {
    token_id: t.token_id,
    chain_id: t.chain_id ?? null,
    symbol: t.symbol ?? null,
    name: t.name ?? null,
    decimal: typeof t.decimal === "number" ? Math.trunc(t.decimal) : null,
    icon_url: t.icon_url ?? null,
    token_address: t.token_address ?? null,
    fee_token_id: t.fee_token_id ?? null,
    can_deposit: t.can_deposit ?? null,
    can_withdraw: t.can_withdraw ?? null,
    dust_threshold: t.dust_threshold ?? null,
    asset_model_type: t.asset_model_type ?? null,
  };
}
