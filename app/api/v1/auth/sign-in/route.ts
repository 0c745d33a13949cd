import { SignInInput, TokenPairSchema } from "@/lib/api/v1/auth.schema";
import { json, route } from "@/lib/http/route";
import { signIn } from "@/lib/server/app-auth/app-users";
import { clientIp, enforceRateLimits } from "@/lib/server/rate-limit/rate-limit";

/** POST: sign in with email and password; answers a token pair. */
export const POST = route({
  name: "/api/v1/auth/sign-in",
  auth: "none",
  body: SignInInput,
  handler: async ({ req, body }) => {
    await enforceRateLimits([
      { name: "sign_in_ip", key: clientIp(req.headers) },
      { name: "sign_in_account", key: body.email.trim().toLowerCase() },
    ]);
    return json(TokenPairSchema.parse(await signIn(body, req.headers.get("user-agent"))));
  },
});
