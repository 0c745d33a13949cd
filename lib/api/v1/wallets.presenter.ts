import type { z } from "zod";
import type { AddressSchema, TokenBalanceSchema, WalletSchema } from "@/lib/api/v1/wallets.schema";
import type { WalletTokenBalance } from "@/lib/server/wallets/get-wallet-balances";
import type { AddressRecord, WalletRecord } from "@/lib/server/wallets/wallet-record";

// Domain records → the Client API's wallet answers: Cobo's ids, snake_case, dates as ISO strings.

export type WalletDto = z.output<typeof WalletSchema>;
export type AddressDto = z.output<typeof AddressSchema>;
export type TokenBalanceDto = z.output<typeof TokenBalanceSchema>;

export function presentWallet(w: WalletRecord): WalletDto {
  return {
    wallet_id: w.coboWalletId,
    name: w.name,
    vault_id: w.vault.coboVaultId ?? "",
    wallet_type: "MPC",
    wallet_subtype: "User-Controlled",
    created_at: w.createdAt.toISOString(),
  };
}

/** An address, path and public key included: the app may back them up for offline recovery. */
export function presentAddress(a: AddressRecord): AddressDto {
  return {
    address: a.address,
    chain_id: a.chainId,
    memo: a.memo,
    path: a.path,
    pubkey: a.pubkey,
    encoding: a.encoding,
    created_at: a.createdAt.toISOString(),
  };
}

export function presentTokenBalance(b: WalletTokenBalance): TokenBalanceDto {
  return { token_id: b.tokenId, balance: { total: b.total, available: b.available, pending: b.pending, locked: b.locked } };
}
