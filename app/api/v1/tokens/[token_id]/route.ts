import { presentToken } from "@/lib/api/v1/catalog.presenter";
import { catalogApi } from "@/lib/api/v1/catalog.schema";
import { route } from "@/lib/http/route";
import { requireEnabledToken } from "@/lib/server/catalog/cobo-catalog";

/** GET: one enabled token (404 when the organisation has not enabled it). */
export const GET = route(catalogApi.getToken).handle(async ({ params }) => ({
  status: 200,
  body: presentToken(await requireEnabledToken(params.token_id)),
}));
