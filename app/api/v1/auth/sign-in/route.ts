import { SignInInput, TokenPairSchema } from "@/lib/api/v1/auth.schema";
import { json, route } from "@/lib/http/route";
import { signIn } from "@/lib/server/app-auth/app-users";
import { clientIp } from "@/lib/server/rate-limit/rate-limit";

/** POST: sign in with email and password; answers a token pair (failed attempts are rate limited). */
export const POST = route({
  name: "/api/v1/auth/sign-in",
  auth: "none",
  body: SignInInput,
  handler: async ({ req, body }) =>
    json(TokenPairSchema.parse(await signIn(body, { ip: clientIp(req.headers), userAgent: req.headers.get("user-agent") }))),
});
