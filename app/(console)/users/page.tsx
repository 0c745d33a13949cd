import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { AddAppUserForm } from "@/components/users/add-app-user-form";
import { UsersTable } from "@/components/users/users-table";
import { requireConsoleUser } from "@/lib/http/console-session";
import { PASSWORD_MIN_LENGTH } from "@/lib/server/console-users/password";
import { listUsers } from "@/lib/console/list-users";
import { createAppUserAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await requireConsoleUser();
  const result = await listUsers(await searchParams);
  return (
    <>
      <PageHeader title="Users" description="End users of the Client Apps, with their vault and the TSS nodes of their devices." />
      <div className="space-y-5">
        <Card>
          <UsersTable result={result} />
        </Card>
        {me.role === "admin" ? (
          <Section title="Add an app user" description="For apps whose users do not sign up themselves. Audited.">
            <AddAppUserForm action={createAppUserAction} minPasswordLength={PASSWORD_MIN_LENGTH} />
          </Section>
        ) : null}
      </div>
    </>
  );
}
