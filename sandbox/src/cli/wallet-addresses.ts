// The addresses a disaster recovery needs: every address of a wallet with its
// BIP32 path and public key, read through Cobo's listAddresses
// (`GET /v2/wallets/{wallet_id}/addresses`) page by page with the `after`
// cursor, since one page holds at most 50.

/** One address with what recoverPrivateKeys needs. */
export interface WalletAddress {
  address: string;
  chain_id: string;
  path: string;
  pubkey: string;
}

/** A signed Cobo GET of `pathAndQuery` (path includes `/v2`) returning the JSON body. */
export type SignedGet = (pathAndQuery: string) => Promise<unknown>;

interface AddressPage {
  data: WalletAddress[];
  pagination: { after: string };
}

const PAGE_SIZE = 50;

/** Every address of `walletId`, newest first, following `pagination.after` until it is empty. */
export async function listAllWalletAddresses(get: SignedGet, walletId: string): Promise<WalletAddress[]> {
  const all: WalletAddress[] = [];
  const seenCursors = new Set<string>();
  let after = "";
  for (;;) {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (after !== "") query.set("after", after);
    const page = (await get(`/v2/wallets/${encodeURIComponent(walletId)}/addresses?${query.toString()}`)) as AddressPage;
    all.push(...page.data);
    const next = page.pagination.after;
    if (next === "" || page.data.length === 0 || seenCursors.has(next)) return all;
    seenCursors.add(next);
    after = next;
  }
}
