import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

// What the decision knows about the withdrawal this backend created (our Transaction row, its
// wallet and the app user who owns the wallet's vault), loaded once per callback.

export type WithdrawalRecord = {
  id: string;
  requestId: string;
  coboTransactionId: string | null;
  /** our Wallet row id (limits per wallet group by it) */
  walletId: string;
  coboWalletId: string;
  type: string;
  status: string;
  chainId: string;
  tokenId: string;
  amount: Prisma.Decimal;
  sourceAddress: string | null;
  destinationAddress: string | null;
  destinationMemo: string | null;
  /** the app user who asked for it, when it came through the Client API */
  userId: string | null;
  /** the app's Idempotency-Key: set only by the Client API's transfer call (null on rows adopted from Cobo) */
  idempotencyKey: string | null;
  createdAt: Date;
  /** the owner of the wallet's vault: the user whose status and limits apply */
  owner: { id: string; status: string };
};
