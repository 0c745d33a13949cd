import type { ServerAction } from "@/components/actions/action-result";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Mono } from "@/components/ui/mono";
import { Section } from "@/components/ui/section";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { RefreshBalancesButton } from "@/components/users/refresh-balances-button";
import type { TokenBalanceView, UserBalances } from "@/lib/console/get-user-balances";
import type { RefreshBalancesResult } from "@/lib/server/wallets/refresh-balances";

// An app user's balances as last read from Cobo (stored snapshot; no Cobo call to render).
// "Refresh balances" reads them again (a read: support staff may use it too).

function Amount({ value }: { value: string }) {
  return <span className="tabular-nums">{value}</span>;
}

function BalanceRows({ balances, caption }: { balances: TokenBalanceView[]; caption: string }) {
  return (
    <Table caption={caption}>
      <THead>
        <tr>
          <Th>Token</Th>
          <Th>Total</Th>
          <Th>Available</Th>
          <Th>Pending</Th>
          <Th>Locked</Th>
        </tr>
      </THead>
      <TBody>
        {balances.map((b) => (
          <Tr key={b.tokenId}>
            <Td className="font-medium">{b.tokenId}</Td>
            <Td>
              <Amount value={b.total} />
            </Td>
            <Td>
              <Amount value={b.available} />
            </Td>
            <Td>
              <Amount value={b.pending} />
            </Td>
            <Td>
              <Amount value={b.locked} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

function ReadAt({ value }: { value: string | null }) {
  return value ? (
    <>
      read <DateTime value={value} />
    </>
  ) : (
    <>never read from Cobo</>
  );
}

/** The user page's balances: a per-token summary over the user's wallets, then each wallet and address. */
export function UserBalancesSection({
  userId,
  balances,
  refreshAction,
}: {
  userId: string;
  balances: UserBalances;
  refreshAction: ServerAction<RefreshBalancesResult>;
}) {
  const never = balances.newestReadAt === null;
  const description = never ? (
    "Never read from Cobo: there is no balance to show yet. Refresh balances reads them."
  ) : (
    <>
      Last read from Cobo <DateTime value={balances.newestReadAt} />
      {balances.oldestReadAt !== balances.newestReadAt ? (
        <>
          {" "}
          (oldest wallet read <DateTime value={balances.oldestReadAt} />)
        </>
      ) : null}
      {balances.unreadWallets > 0 ? `; ${balances.unreadWallets} wallet(s) never read` : null}. Not live: refresh to read again.
    </>
  );
  return (
    <Section
      title="Balances"
      description={description}
      actions={balances.wallets.length > 0 ? <RefreshBalancesButton action={refreshAction} userId={userId} /> : undefined}
    >
      {balances.wallets.length === 0 ? (
        <EmptyState title="No wallets" description="Balances appear once the user has a wallet." />
      ) : (
        <div className="space-y-5">
          <div>
            <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-zinc-500 uppercase">All wallets</h3>
            {never ? (
              <p className="text-sm text-zinc-500">Not read yet.</p>
            ) : balances.summary.length === 0 ? (
              <p className="text-sm text-zinc-500">No token balances at Cobo.</p>
            ) : (
              <BalanceRows balances={balances.summary} caption="Balances of all the user's wallets per token" />
            )}
          </div>
          {balances.wallets.map((w) => (
            <div key={w.id} className="space-y-2">
              <h3 className="text-sm font-semibold text-zinc-900">
                Wallet {w.name}{" "}
                <span className="text-xs font-normal text-zinc-500">
                  (<ReadAt value={w.readAt} />)
                </span>
              </h3>
              {w.readAt === null ? null : w.balances.length === 0 ? (
                <p className="text-sm text-zinc-500">No token balances at Cobo.</p>
              ) : (
                <BalanceRows balances={w.balances} caption={`Balances of wallet ${w.name}`} />
              )}
              {w.addresses.length === 0 ? null : (
                <ul className="space-y-2 border-l border-zinc-200 pl-3">
                  {w.addresses.map((a) => (
                    <li key={a.id} className="space-y-1">
                      <p className="flex flex-wrap items-center gap-1.5 text-xs text-zinc-600">
                        <span>Address</span>
                        <Mono value={a.address} className="max-w-[24rem]" />
                        <span>on {a.chainId}</span>
                        <span className="text-zinc-500">
                          (<ReadAt value={a.readAt} />)
                        </span>
                      </p>
                      {a.readAt === null ? null : a.balances.length === 0 ? (
                        <p className="text-xs text-zinc-500">No token balances.</p>
                      ) : (
                        <BalanceRows balances={a.balances} caption={`Balances of address ${a.address}`} />
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </div>
      )}
    </Section>
  );
}
