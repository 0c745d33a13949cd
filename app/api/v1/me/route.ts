import { presentMe } from "@/lib/api/v1/nodes.presenter";
import { accountApi } from "@/lib/api/v1/nodes.schema";
import { route } from "@/lib/http/route";
import { getMe } from "@/lib/server/app-users/get-me";

/** GET: the signed-in app user, their vault id and TSS nodes. */
export const GET = route(accountApi.me).handle(async ({ appUser }) => ({ status: 200, body: presentMe(await getMe(appUser.userId)) }));
