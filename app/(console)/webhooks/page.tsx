import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { WebhookEventsTable } from "@/components/webhooks/webhook-events-table";
import { requireConsoleUser } from "@/lib/server/auth/console-session";
import { listWebhookEvents } from "@/lib/server/console/list-webhook-events";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireConsoleUser();
  const result = await listWebhookEvents(await searchParams);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="The inbox of events from Cobo: stored first, then applied. Events with a bad signature are kept but never applied."
      />
      <Card>
        <WebhookEventsTable result={result} />
      </Card>
    </>
  );
}
