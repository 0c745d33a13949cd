import type { Metadata } from "next";
import { TransactionsTable } from "@/components/transactions/transactions-table";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ScopeNotice } from "@/components/ui/scope-notice";
import { requireConsoleUser } from "@/lib/http/console-session";
import { listConsoleTransactions } from "@/lib/console/list-transactions";
import { rereadTransactionAction } from "@/app/(console)/transactions/actions";

export const metadata: Metadata = { title: "Transactions" };

export default async function TransactionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireConsoleUser();
  const result = await listConsoleTransactions(await searchParams);
  return (
    <>
      <PageHeader title="Transactions" description="Transfers and deposits of the users' wallets, as last reported by Cobo." />
      {result.scopeVault ? <ScopeNotice vault={result.scopeVault} clearHref="/transactions" /> : null}
      <Card>
        <TransactionsTable result={result} rereadAction={user.role === "admin" ? rereadTransactionAction : undefined} />
      </Card>
    </>
  );
}
