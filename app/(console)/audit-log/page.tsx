import type { Metadata } from "next";
import { AuditLogTable } from "@/components/audit-log/audit-log-table";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireConsoleUser } from "@/lib/http/console-session";
import { listAuditLog } from "@/lib/console/list-audit-log";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireConsoleUser();
  const result = await listAuditLog(await searchParams);
  return (
    <>
      <PageHeader title="Audit log" description="Actions taken in the console: who, what, on which record, and whether it was allowed." />
      <Card>
        <AuditLogTable result={result} />
      </Card>
    </>
  );
}
