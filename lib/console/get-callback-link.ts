import "server-only";
import { logger } from "@/lib/log/logger";
import { readCallbackLink, type CallbackLink } from "@/lib/server/risk/callback-link";

// What the console shows of the callback link check (Settings, and the banner on every page): the
// last stored result, never a call to Cobo while a page renders. The check runs at start, in every
// reconciliation pass once its interval is over, from /api/health and from "Check now".

/** The last check, or null when none was made yet (or the database could not be read). */
export async function getCallbackLink(): Promise<CallbackLink | null> {
  try {
    return await readCallbackLink();
  } catch (error) {
    logger.warn({ err: error }, "could not read the callback link check");
    return null;
  }
}
