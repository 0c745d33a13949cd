import { authApi } from "@/lib/api/v1/auth.schema";
import { route } from "@/lib/http/route";
import { revokeSession } from "@/lib/server/app-users/sessions";

/** POST: sign the current session out (tokens of the company's own IdP have no session here). */
export const POST = route(authApi.signOut).handle(async ({ appUser }) => {
  if (appUser.sessionId) await revokeSession(appUser.sessionId, appUser.userId);
  return { status: 204 };
});
