import { presentToken } from "@/lib/api/v1/catalog.presenter";
import { catalogApi } from "@/lib/api/v1/catalog.schema";
import { route } from "@/lib/http/route";
import { listEnabledTokens } from "@/lib/server/catalog/cobo-catalog";

/** GET: the tokens enabled for UCW wallets, optionally of one chain (Cobo's list, cached for a few minutes). */
export const GET = route(catalogApi.listTokens).handle(async ({ query }) => ({
  status: 200,
  body: { data: (await listEnabledTokens(query.chain_id)).map(presentToken) },
}));
