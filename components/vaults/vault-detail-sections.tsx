import type { ServerAction } from "@/components/actions/use-action-form";
import type { RereadResult } from "@/lib/server/tss-requests/reread-tss-request";
import type { VaultDetail } from "@/lib/console/get-vault-detail";
import { RecentTransactionsTable } from "@/components/transactions/transactions-table";
import { RecentTssRequestsTable } from "@/components/tss-requests/tss-requests-table";
import { formatCount } from "@/components/ui/format";
import { Section } from "@/components/ui/section";
import { TextLink } from "@/components/ui/text-link";
import { KeyShareGroups } from "@/components/vaults/key-share-groups";
import { VaultSummary } from "@/components/vaults/vault-summary";
import { WalletsList } from "@/components/vaults/wallets-list";

function ViewAll({ href, shown, total, noun }: { href: string; shown: number; total: number; noun: string }) {
  if (total === 0) return null;
  return (
    <span className="text-zinc-500">
      {shown < total ? `Showing the ${formatCount(shown)} most recent of ${formatCount(total)}. ` : null}
      <TextLink href={href}>View all {noun} →</TextLink>
    </span>
  );
}

/** Admin-only "Re-read from Cobo" actions for the TSS request and transaction rows. */
export type RereadActions = { tssRequest: ServerAction<RereadResult>; transaction: ServerAction<RereadResult> };

/** The vault block shared by the user page and the vault page. */
export function VaultDetailSections({
  detail,
  context,
  reread,
}: {
  detail: VaultDetail;
  context: "user" | "vault";
  reread?: RereadActions;
}) {
  const vaultId = detail.vault.id;
  return (
    <div className="space-y-5">
      <Section title="Vault" flush={false}>
        <VaultSummary vault={detail.vault} showOwner={context === "vault"} />
      </Section>
      <Section
        title="Key share holder groups"
        description="Cobo status (New → Valid) and our lifecycle (active, superseded after a recovery)."
      >
        <KeyShareGroups groups={detail.groups} />
      </Section>
      <Section title="Wallets and addresses">
        <WalletsList wallets={detail.wallets} />
      </Section>
      <Section title="TSS requests" flush>
        <RecentTssRequestsTable
          caption={`TSS requests of vault ${detail.vault.coboVaultId ?? detail.vault.name}`}
          rows={detail.tssRequests}
          hiddenColumns={["user"]}
          empty={{ title: "No TSS requests for this vault yet" }}
          rereadAction={reread?.tssRequest}
          footer={
            detail.tssRequestTotal > 0 ? (
              <ViewAll
                href={`/tss-requests?vault=${vaultId}`}
                shown={detail.tssRequests.length}
                total={detail.tssRequestTotal}
                noun="TSS requests"
              />
            ) : undefined
          }
        />
      </Section>
      <Section title="Transactions" flush>
        <RecentTransactionsTable
          caption={`Transactions of vault ${detail.vault.coboVaultId ?? detail.vault.name}`}
          rows={detail.transactions}
          hiddenColumns={["user"]}
          empty={{ title: "No transactions for this vault yet" }}
          rereadAction={reread?.transaction}
          footer={
            detail.transactionTotal > 0 ? (
              <ViewAll
                href={`/transactions?vault=${vaultId}`}
                shown={detail.transactions.length}
                total={detail.transactionTotal}
                noun="transactions"
              />
            ) : undefined
          }
        />
      </Section>
    </div>
  );
}
