import { SignInBody, SignUpResult } from "@/lib/api/v1/auth.schema";
import { json, route } from "@/lib/http/route";
import { signUp } from "@/lib/server/app-auth/app-users";
import { clientIp, enforceRateLimits } from "@/lib/server/rate-limit/rate-limit";

/** POST: create an app account with email and password, signed in at once. */
export const POST = route({
  name: "/api/v1/auth/sign-up",
  auth: "none",
  body: SignInBody,
  handler: async ({ req, body }) => {
    // body.email is already lower-cased by the schema, so one address is one key however it is written
    await enforceRateLimits([
      { name: "sign_up_ip", key: clientIp(req.headers) },
      { name: "sign_up_account", key: body.email },
    ]);
    const result = await signUp(body, req.headers.get("user-agent"));
    return json(SignUpResult.parse(result), { status: 201 });
  },
});
