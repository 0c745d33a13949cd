import { ERROR_STATUS, type AppErrorCode } from "@/lib/errors";
import { problemResponse } from "@/lib/http/problem";
import { json, readBodyLimited, route } from "@/lib/http/route";
import { runAction } from "@/lib/server/actions/run-action";
import { createConsoleUserSpec } from "@/lib/server/auth/create-console-user.action-spec";

/** POST: an admin adds a console user ({email, name?, role, password}); support staff get 403. */
export const POST = route({
  name: "/api/console/console-users",
  auth: "session",
  handler: async ({ req, actor, requestId }) => {
    const text = await readBodyLimited(req, 16 * 1024);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return problemResponse(400, "bad_request", "The body is not valid JSON.", requestId);
    }
    const result = await runAction(createConsoleUserSpec, actor, body);
    if ("data" in result) return json(result.data, { status: 201 });
    const status = ERROR_STATUS[result.error.code as AppErrorCode] ?? 500;
    return problemResponse(status, result.error.code, result.error.message, requestId, { errors: result.error.fields });
  },
});
