import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import type { Page, PageParams, TokenBalance } from "@/lib/cobo/types";
import { requireOwnWallet } from "@/lib/server/wallets/own-wallet";

// Balances live at Cobo (it watches the chains); we read them on demand rather than keep a copy
// that could be stale. Amounts stay the decimal strings Cobo sent.

/** A wallet's balance of one token, as Cobo reports it (decimal strings; pending and locked 0 when Cobo omits them). */
export type WalletTokenBalance = { tokenId: string; total: string; available: string; pending: string; locked: string };

/** Every page of a Cobo balance list (50 per page, at most 100 pages), as WalletTokenBalance, optionally one token only. */
export async function readCoboBalances(
  list: (params: PageParams & { token_ids?: string[] }) => Promise<Page<TokenBalance>>,
  tokenId?: string,
): Promise<WalletTokenBalance[]> {
  const out: WalletTokenBalance[] = [];
  let after: string | undefined;
  for (let page = 0; page < 100; page++) {
    const res = await list({ limit: 50, ...(tokenId ? { token_ids: [tokenId] } : {}), ...(after ? { after } : {}) });
    for (const b of res.data) {
      if (tokenId && b.token_id !== tokenId) continue;
      out.push({
        tokenId: b.token_id,
        total: b.balance.total,
        available: b.balance.available,
        pending: b.balance.pending ?? "0",
        locked: b.balance.locked ?? "0",
      });
    }
    after = res.pagination?.after ?? undefined;
    if (!after || res.data.length === 0) break;
  }
  return out;
}

/** The caller's wallet balances per token (optionally one token), from Cobo. */
export async function getWalletBalances(userId: string, coboWalletId: string, tokenId?: string): Promise<WalletTokenBalance[]> {
  await requireOwnWallet(userId, coboWalletId);
  const cobo = getCoboGateway();
  return readCoboBalances((p) => cobo.listTokenBalancesForWallet(coboWalletId, p), tokenId);
}
