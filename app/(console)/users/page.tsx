import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { UsersTable } from "@/components/users/users-table";
import { requireConsoleUser } from "@/lib/server/auth/console-session";
import { listUsers } from "@/lib/server/console/list-users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireConsoleUser();
  const result = await listUsers(await searchParams);
  return (
    <>
      <PageHeader title="Users" description="End users of the Client Apps, with their vault and the TSS nodes of their devices." />
      <Card>
        <UsersTable result={result} />
      </Card>
    </>
  );
}
