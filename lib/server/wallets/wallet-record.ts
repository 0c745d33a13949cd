import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

// What the wallet use-cases return: the wallet and address rows with what the Client API shows of
// them (lib/api/v1/wallets.presenter.ts turns them into its answers).

export const walletRecordSelect = {
  coboWalletId: true,
  name: true,
  createdAt: true,
  vault: { select: { coboVaultId: true } },
} as const satisfies Prisma.WalletSelect;

/** A wallet with its vault's Cobo id. */
export type WalletRecord = Prisma.WalletGetPayload<{ select: typeof walletRecordSelect }>;

export const addressRecordSelect = {
  address: true,
  chainId: true,
  memo: true,
  path: true,
  pubkey: true,
  encoding: true,
  createdAt: true,
} as const satisfies Prisma.AddressSelect;

/** An address with its derivation path and public key (the app may back them up). */
export type AddressRecord = Prisma.AddressGetPayload<{ select: typeof addressRecordSelect }>;
