import "server-only";
import type { TokenInfo } from "@/lib/cobo/types";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { addressUsableOn, findEnabledToken } from "@/lib/server/catalog/cobo-catalog";
import { requireOwnWallet, type OwnWallet } from "@/lib/server/wallets/own-wallet";

// Checks shared by fee estimates and transfers, made before anything goes to Cobo so that a
// mistake of the caller is a 422 naming the field rather than a rejection relayed from Cobo.

/**
 * `chainId` is the chain the transfer happens on (the token's): an EVM address created on another
 * enabled EVM chain is the same account there (`fromAddress.chainId` is the chain it was created on).
 */
export type TransferInputs = { wallet: OwnWallet; fromAddress: { address: string; chainId: string }; token: TokenInfo; chainId: string };

const EVM_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

function invalid(path: string, message: string): AppError {
  return new AppError("invalid_input", "The body is invalid.", { issues: [{ path: `body.${path}`, message }] });
}

/** The caller's wallet, the source address (one of the wallet's) and the token, all checked. */
export async function resolveTransferInputs(
  userId: string,
  coboWalletId: string,
  input: { token_id: string; from_address: string; amount: string },
): Promise<TransferInputs> {
  const wallet = await requireOwnWallet(userId, coboWalletId);
  // EVM addresses are case-insensitive (mixed case is only a checksum).
  const fromAddress = await db.address.findFirst({
    where: {
      walletId: wallet.id,
      address: EVM_ADDRESS.test(input.from_address) ? { equals: input.from_address, mode: "insensitive" } : input.from_address,
    },
    select: { address: true, chainId: true },
  });
  if (!fromAddress) throw invalid("from_address", "is not an address of this wallet");

  // The organisation's enabled tokens (cached, see lib/server/catalog): a token Cobo knows but the
  // organisation has not enabled would be refused by Cobo anyway.
  const token = await findEnabledToken(input.token_id);
  if (!token) throw invalid("token_id", `token ${input.token_id} is not enabled for UCW wallets`);
  const chainId = token.chain_id ?? fromAddress.chainId;
  if (!(await addressUsableOn(fromAddress.chainId, chainId))) {
    throw invalid("token_id", `token ${input.token_id} is on chain ${chainId}, but from_address is on ${fromAddress.chainId}`);
  }
  if (token.can_withdraw === false) throw invalid("token_id", `withdrawals of ${input.token_id} are disabled`);
  const decimals = input.amount.split(".")[1]?.length ?? 0;
  if (typeof token.decimal === "number" && decimals > token.decimal) {
    throw invalid("amount", `has more than ${token.decimal} decimal places, the precision of ${input.token_id}`);
  }
  return { wallet, fromAddress, token, chainId };
}
