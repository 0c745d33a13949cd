import { observeRequest } from "@/lib/http/observe";
import { wakeInboxWorker } from "@/lib/jobs/inbox-wake";
import { receiveWebhook } from "@/lib/http/cobo-webhook";

export const dynamic = "force-dynamic";

/** POST: Cobo's webhook deliveries (verified, stored, acknowledged; applied by the inbox worker). */
export const POST = (req: Request) => observeRequest("/api/webhooks/cobo", req, () => receiveWebhook(req, wakeInboxWorker));
