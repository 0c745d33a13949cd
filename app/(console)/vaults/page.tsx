import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { VaultsTable } from "@/components/vaults/vaults-table";
import { requireConsoleUser } from "@/lib/http/console-session";
import { listVaults } from "@/lib/console/list-vaults";

export const metadata: Metadata = { title: "Vaults" };

export default async function VaultsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireConsoleUser();
  const result = await listVaults(await searchParams);
  return (
    <>
      <PageHeader title="Vaults" description="One MPC vault per app user; its active Main Group holds signing authority." />
      <Card>
        <VaultsTable result={result} />
      </Card>
    </>
  );
}
