import { authApi } from "@/lib/api/v1/auth.schema";
import { route } from "@/lib/http/route";
import { refreshSession } from "@/lib/server/app-users/sessions";
import { enforceRateLimits, refundRateLimit } from "@/lib/server/rate-limit/rate-limit";
import { clientIp } from "@/lib/http/client-ip";

/** POST: rotate a refresh token into a new token pair. Failed refreshes are rate limited per client. */
export const POST = route(authApi.refresh).handle(async ({ req, body }) => {
  const ip = clientIp(req.headers);
  await enforceRateLimits([{ name: "refresh_ip", key: ip }]);
  const pair = await refreshSession(body.refresh_token);
  // A good refresh does not count: many phones behind one NAT refresh all day long.
  await refundRateLimit("refresh_ip", ip);
  return { status: 200, body: pair };
});
