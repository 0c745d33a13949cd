import type { Metadata } from "next";
import { TransactionsTable } from "@/components/transactions/transactions-table";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ScopeNotice } from "@/components/ui/scope-notice";
import { requireConsoleUser } from "@/lib/server/auth/console-session";
import { listTransactions } from "@/lib/server/console/list-transactions";

export const metadata: Metadata = { title: "Transactions" };

export default async function TransactionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireConsoleUser();
  const result = await listTransactions(await searchParams);
  return (
    <>
      <PageHeader title="Transactions" description="Transfers and deposits of the users' wallets, as last reported by Cobo." />
      {result.scopeVault ? <ScopeNotice vault={result.scopeVault} clearHref="/transactions" /> : null}
      <Card>
        <TransactionsTable result={result} />
      </Card>
    </>
  );
}
