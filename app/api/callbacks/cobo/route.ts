import { observeRequest } from "@/lib/http/observe";
import { handleRiskCallback } from "@/lib/http/cobo-callback";

export const dynamic = "force-dynamic";

/** POST: Cobo's risk-control callback; answers plain-text `ok` or `deny` (fail closed), never a problem body. */
export const POST = (req: Request) => observeRequest("/api/callbacks/cobo", req, () => handleRiskCallback(req));
