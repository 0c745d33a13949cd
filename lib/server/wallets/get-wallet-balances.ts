import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import { requireOwnWallet } from "@/lib/server/wallets/own-wallet";

// Balances live at Cobo (it watches the chains); we read them on demand rather than keep a copy
// that could be stale. Amounts stay the decimal strings Cobo sent.

export type TokenBalanceView = { token_id: string; balance: { total: string; available: string; pending: string; locked: string } };

/** The caller's wallet balances per token (optionally one token), from Cobo. */
export async function getWalletBalances(userId: string, coboWalletId: string, tokenId?: string): Promise<TokenBalanceView[]> {
  await requireOwnWallet(userId, coboWalletId);
  const cobo = getCoboGateway();
  const out: TokenBalanceView[] = [];
  let after: string | undefined;
  for (let page = 0; page < 100; page++) {
    const res = await cobo.listTokenBalancesForWallet(coboWalletId, { limit: 50, ...(tokenId ? { token_ids: [tokenId] } : {}), ...(after ? { after } : {}) });
    for (const b of res.data) {
      if (tokenId && b.token_id !== tokenId) continue;
      out.push({
        token_id: b.token_id,
        balance: { total: b.balance.total, available: b.balance.available, pending: b.balance.pending ?? "0", locked: b.balance.locked ?? "0" },
      });
    }
    after = res.pagination?.after ?? undefined;
    if (!after || res.data.length === 0) break;
  }
  return out;
}
