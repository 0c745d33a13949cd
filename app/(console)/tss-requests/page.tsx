import type { Metadata } from "next";
import { TssRequestsTable } from "@/components/tss-requests/tss-requests-table";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ScopeNotice } from "@/components/ui/scope-notice";
import { requireConsoleUser } from "@/lib/http/console-session";
import { listTssRequests } from "@/lib/console/list-tss-requests";
import { rereadTssRequestAction } from "@/app/(console)/tss-requests/actions";

export const metadata: Metadata = { title: "TSS requests" };

export default async function TssRequestsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireConsoleUser();
  const result = await listTssRequests(await searchParams);
  return (
    <>
      <PageHeader
        title="TSS requests"
        description="Key generation and recovery requests sent to Cobo; each waits for the users' devices to approve."
      />
      {result.scopeVault ? <ScopeNotice vault={result.scopeVault} clearHref="/tss-requests" /> : null}
      <Card>
        <TssRequestsTable result={result} rereadAction={user.role === "admin" ? rereadTssRequestAction : undefined} />
      </Card>
    </>
  );
}
