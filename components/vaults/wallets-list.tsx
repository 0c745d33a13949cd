import type { WalletView } from "@/lib/console/get-vault-detail";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCount } from "@/components/ui/format";
import { IdValue } from "@/components/ui/id-value";
import { Mono } from "@/components/ui/mono";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";

/** Wallets with every address's path and public key: what offline disaster recovery needs. */
export function WalletsList({ wallets }: { wallets: WalletView[] }) {
  if (wallets.length === 0)
    return <EmptyState title="No wallets yet" description="Wallets can be created once the vault's Main Group has generated its key." />;
  return (
    <div className="space-y-3">
      {wallets.map((w) => (
        <article key={w.id} aria-label={`Wallet ${w.name}`} className="rounded-md border border-zinc-200 bg-white">
          <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-zinc-100 px-3 py-2">
            <h3 className="text-sm font-semibold text-zinc-900">{w.name}</h3>
            <span className="text-xs text-zinc-500">
              {formatCount(w.addressCount)} {w.addressCount === 1 ? "address" : "addresses"}
            </span>
            <span className="text-xs text-zinc-500">
              created <DateTime value={w.createdAt} />
            </span>
            <span className="ml-auto min-w-0">
              <IdValue value={w.coboWalletId} label="Cobo wallet id" className="max-w-[18rem]" />
            </span>
          </header>
          {w.addresses.length === 0 ? (
            <p className="px-3 py-3 text-sm text-zinc-500">No addresses yet.</p>
          ) : (
            <Table caption={`Addresses of wallet ${w.name}`}>
              <THead>
                <tr>
                  <Th>Chain</Th>
                  <Th>Address</Th>
                  <Th>Path</Th>
                  <Th>Public key</Th>
                  <Th>Memo</Th>
                  <Th>Created</Th>
                </tr>
              </THead>
              <TBody>
                {w.addresses.map((a) => (
                  <Tr key={a.id}>
                    <Td>
                      <span className="font-mono text-[0.75rem]">{a.chainId}</span>
                    </Td>
                    <Td>
                      <Mono value={a.address} className="max-w-[26rem]" />
                    </Td>
                    <Td>
                      <Mono value={a.path} className="max-w-[10rem]" />
                    </Td>
                    <Td>
                      <Mono value={a.pubkey} className="max-w-[16rem]" />
                    </Td>
                    <Td>
                      <Mono value={a.memo} className="max-w-[8rem]" />
                    </Td>
                    <Td>
                      <DateTime value={a.createdAt} />
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )}
          {w.addressCount > w.addresses.length ? (
            <p className="border-t border-zinc-100 px-3 py-2 text-xs text-zinc-500">
              Showing the first {formatCount(w.addresses.length)} of {formatCount(w.addressCount)} addresses.
            </p>
          ) : null}
        </article>
      ))}
    </div>
  );
}
