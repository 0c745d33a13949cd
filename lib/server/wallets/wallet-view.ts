import "server-only";

// The app's view of wallets and addresses: Cobo's ids, snake_case, dates as ISO strings.

export type WalletView = {
  wallet_id: string;
  name: string;
  vault_id: string;
  wallet_type: "MPC";
  wallet_subtype: "User-Controlled";
  created_at: string;
};

/** Serialises a wallet row (with its vault's Cobo id) for the app. */
export function walletView(w: { coboWalletId: string; name: string; createdAt: Date; vault: { coboVaultId: string | null } }): WalletView {
  return {
    wallet_id: w.coboWalletId,
    name: w.name,
    vault_id: w.vault.coboVaultId ?? "",
    wallet_type: "MPC",
    wallet_subtype: "User-Controlled",
    created_at: w.createdAt.toISOString(),
  };
}

export const walletViewSelect = { coboWalletId: true, name: true, createdAt: true, vault: { select: { coboVaultId: true } } } as const;

export type AddressView = {
  address: string;
  chain_id: string;
  memo: string | null;
  path: string | null;
  pubkey: string | null;
  encoding: string | null;
  created_at: string;
};

export const addressViewSelect = { address: true, chainId: true, memo: true, path: true, pubkey: true, encoding: true, createdAt: true } as const;

/** Serialises an address row for the app (path and pubkey included: the app may back them up). */
export function addressView(a: {
  address: string;
  chainId: string;
  memo: string | null;
  path: string | null;
  pubkey: string | null;
  encoding: string | null;
  createdAt: Date;
}): AddressView {
  return { address: a.address, chain_id: a.chainId, memo: a.memo, path: a.path, pubkey: a.pubkey, encoding: a.encoding, created_at: a.createdAt.toISOString() };
}
