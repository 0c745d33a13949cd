import { RefreshBody, TokenPairSchema } from "@/lib/api/v1/auth.schema";
import { json, route } from "@/lib/http/route";
import { refreshSession } from "@/lib/server/app-auth/sessions";
import { clientIp, enforceRateLimits } from "@/lib/server/rate-limit/rate-limit";

/** POST: rotate a refresh token into a new token pair. */
export const POST = route({
  name: "/api/v1/auth/refresh",
  auth: "none",
  body: RefreshBody,
  handler: async ({ req, body }) => {
    await enforceRateLimits([{ name: "refresh_ip", key: clientIp(req.headers) }]);
    return json(TokenPairSchema.parse(await refreshSession(body.refresh_token)));
  },
});
