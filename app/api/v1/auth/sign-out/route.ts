import { route } from "@/lib/http/route";
import { revokeSession } from "@/lib/server/app-auth/sessions";

/** POST: sign the current session out (tokens of the company's own IdP have no session here). */
export const POST = route({
  name: "/api/v1/auth/sign-out",
  auth: "bearer",
  handler: async ({ appUser }) => {
    if (appUser.sessionId) await revokeSession(appUser.sessionId, appUser.userId);
    return new Response(null, { status: 204 });
  },
});
