import { authApi } from "@/lib/api/v1/auth.schema";
import { route } from "@/lib/http/route";
import { signUp } from "@/lib/server/app-users/app-users";
import { enforceRateLimits } from "@/lib/server/rate-limit/rate-limit";
import { clientIp } from "@/lib/http/client-ip";

/** POST: create an app account with email and password, signed in at once. */
export const POST = route(authApi.signUp).handle(async ({ req, body }) => {
  // body.email is already lower-cased by the schema, so one address is one key however it is written
  await enforceRateLimits([
    { name: "sign_up_ip", key: clientIp(req.headers) },
    { name: "sign_up_account", key: body.email },
  ]);
  return { status: 201, body: await signUp(body, req.headers.get("user-agent")) };
});
