import type { Metadata } from "next";
import { TssRequestsTable } from "@/components/tss-requests/tss-requests-table";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ScopeNotice } from "@/components/ui/scope-notice";
import { requireConsoleUser } from "@/lib/server/auth/console-session";
import { listTssRequests } from "@/lib/server/console/list-tss-requests";

export const metadata: Metadata = { title: "TSS requests" };

export default async function TssRequestsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireConsoleUser();
  const result = await listTssRequests(await searchParams);
  return (
    <>
      <PageHeader
        title="TSS requests"
        description="Key generation and recovery requests sent to Cobo; each waits for the users' devices to approve."
      />
      {result.scopeVault ? <ScopeNotice vault={result.scopeVault} clearHref="/tss-requests" /> : null}
      <Card>
        <TssRequestsTable result={result} />
      </Card>
    </>
  );
}
