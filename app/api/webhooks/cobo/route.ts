import { observeRequest } from "@/lib/http/observe";
import { enqueueWebhookApply } from "@/lib/jobs/queue";
import { receiveWebhook } from "@/lib/server/webhooks/receive-webhook";

export const dynamic = "force-dynamic";

/** POST: Cobo's webhook deliveries (verified, stored, acknowledged; applied by a job). */
export const POST = (req: Request) => observeRequest("/api/webhooks/cobo", req, () => receiveWebhook(req, enqueueWebhookApply));
