import { RefreshBody, TokenPairSchema } from "@/lib/api/v1/auth.schema";
import { json, route } from "@/lib/http/route";
import { refreshSession } from "@/lib/server/app-auth/sessions";
import { clientIp, enforceRateLimits, refundRateLimit } from "@/lib/server/rate-limit/rate-limit";

/** POST: rotate a refresh token into a new token pair. Failed refreshes are rate limited per client. */
export const POST = route({
  name: "/api/v1/auth/refresh",
  auth: "none",
  body: RefreshBody,
  handler: async ({ req, body }) => {
    const ip = clientIp(req.headers);
    await enforceRateLimits([{ name: "refresh_ip", key: ip }]);
    const pair = await refreshSession(body.refresh_token);
    // A good refresh does not count: many phones behind one NAT refresh all day long.
    await refundRateLimit("refresh_ip", ip);
    return json(TokenPairSchema.parse(pair));
  },
});
