import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import { isCoboError } from "@/lib/cobo/errors";
import type { TokenInfo } from "@/lib/cobo/types";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requireOwnWallet, type OwnWallet } from "@/lib/server/wallets/own-wallet";

// Checks shared by fee estimates and transfers, made before anything goes to Cobo so that a
// mistake of the caller is a 422 naming the field rather than a rejection relayed from Cobo.

export type TransferInputs = { wallet: OwnWallet; fromAddress: { address: string; chainId: string }; token: TokenInfo };

const EVM_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

function invalid(path: string, message: string): AppError {
  return new AppError("invalid_input", "The body is invalid.", { issues: [{ path: `body.${path}`, message }] });
}

/** The caller's wallet, the source address (one of the wallet's) and the token, all checked. */
export async function resolveTransferInputs(userId: string, coboWalletId: string, input: { token_id: string; from_address: string; amount: string }): Promise<TransferInputs> {
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

  let token: TokenInfo;
  try {
    token = await getCoboGateway().getToken(input.token_id);
  } catch (error) {
    if (isCoboError(error) && error.kind === "rejected" && (error.coboHttpStatus === 404 || error.coboHttpStatus === 400)) {
      throw invalid("token_id", `token ${input.token_id} is not known to Cobo`);
    }
    throw error;
  }
  if (token.chain_id && token.chain_id !== fromAddress.chainId) {
    throw invalid("token_id", `token ${input.token_id} is on chain ${token.chain_id}, but from_address is on ${fromAddress.chainId}`);
  }
  if (token.can_withdraw === false) throw invalid("token_id", `withdrawals of ${input.token_id} are disabled`);
  const decimals = input.amount.split(".")[1]?.length ?? 0;
  if (typeof token.decimal === "number" && decimals > token.decimal) {
    throw invalid("amount", `has more than ${token.decimal} decimal places, the precision of ${input.token_id}`);
  }
  return { wallet, fromAddress, token };
}
