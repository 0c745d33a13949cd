import { authApi } from "@/lib/api/v1/auth.schema";
import { route } from "@/lib/http/route";
import { signIn } from "@/lib/server/app-users/app-users";
import { clientIp } from "@/lib/http/client-ip";

/** POST: sign in with email and password; answers a token pair (failed attempts are rate limited). */
export const POST = route(authApi.signIn).handle(async ({ req, body }) => ({
  status: 200,
  body: await signIn(body, { ip: clientIp(req.headers), userAgent: req.headers.get("user-agent") }),
}));
