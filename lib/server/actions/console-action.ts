import "server-only";
import { getConsoleUser } from "@/lib/server/auth/console-session";
import { runAction, type ActionResult, type ActionSpec } from "@/lib/server/actions/run-action";

// Server actions are built from an ActionSpec; this binds the spec to the signed-in console user.

/** Makes a server action: the caller's session decides the actor, `runAction` does the rest. */
export function consoleAction<I, O>(spec: ActionSpec<I, O>): (input: unknown) => Promise<ActionResult<O>> {
  return async (input: unknown) => runAction(spec, await getConsoleUser(), input);
}
