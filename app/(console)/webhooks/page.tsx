import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { RefusedDeliveries } from "@/components/webhooks/refused-deliveries";
import { WebhookEventsTable } from "@/components/webhooks/webhook-events-table";
import { getInboundRejections } from "@/lib/console/get-inbound-rejections";
import { requireConsoleUser } from "@/lib/http/console-session";
import { listWebhookEvents } from "@/lib/console/list-webhook-events";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireConsoleUser();
  const [result, refusedWebhooks, refusedCallbacks] = await Promise.all([
    listWebhookEvents(await searchParams),
    getInboundRejections("webhook"),
    getInboundRejections("callback", 10),
  ]);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="The inbox of events from Cobo: stored first, then applied. Deliveries that fail the signature check are refused, counted below, and never stored."
      />
      <div className="space-y-5">
        <Card>
          <WebhookEventsTable result={result} />
        </Card>
        <RefusedDeliveries title="Refused webhook deliveries" rejections={refusedWebhooks} />
        <RefusedDeliveries title="Refused risk-control callbacks" rejections={refusedCallbacks} />
      </div>
    </>
  );
}
