import { presentChain } from "@/lib/api/v1/catalog.presenter";
import { catalogApi } from "@/lib/api/v1/catalog.schema";
import { route } from "@/lib/http/route";
import { listEnabledChains } from "@/lib/server/catalog/cobo-catalog";

/** GET: the chains enabled for UCW wallets (Cobo's list, cached for a few minutes). */
export const GET = route(catalogApi.listChains).handle(async () => ({
  status: 200,
  body: { data: (await listEnabledChains()).map(presentChain) },
}));
