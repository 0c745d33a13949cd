import "server-only";
import { isCoboError } from "@/lib/cobo/errors";
import type { AppError } from "@/lib/errors";

// The message staff see when a console action fails with an expected error (the action client,
// lib/http/console-action.ts, uses it). The console may show what an app never sees.

/**
 * What staff are told when an action fails: for a Cobo failure, which kind it was, whether Cobo
 * may have acted, what to do next, and Cobo's own words and error id (staff may see them; apps
 * never do).
 */
export function consoleMessage(error: AppError): string {
  if (!isCoboError(error)) return error.message;
  const wait = error.options.retryAfterSeconds;
  switch (error.kind) {
    case "rejected": {
      const said = error.coboErrorMessage ? ` Cobo said: “${error.coboErrorMessage}”.` : "";
      const id = error.coboErrorId ? ` Cobo error id ${error.coboErrorId}.` : "";
      return `Cobo refused it: ${error.message}${said}${id} Nothing was changed.`;
    }
    case "timeout":
    case "network":
      return "Cobo did not answer in time, so it may or may not have acted. Nothing was retried: re-read the object from Cobo before trying again.";
    case "server_error":
      return error.outcomeUnknown
        ? "Cobo failed while handling it (a server error), so it may or may not have acted. Re-read the object from Cobo before trying again."
        : `Cobo is unavailable right now; nothing was changed. Try again${wait ? ` in ${wait} seconds` : " shortly"}.`;
    case "rate_limited":
      return `Cobo is rate limiting our requests; nothing was changed. Try again${wait ? ` in ${wait} seconds` : " shortly"}.`;
    case "not_connected":
      return "Cobo could not be reached (no connection); nothing was sent or changed. Check the network and COBO_ENV, then try again.";
    case "invalid_response":
      return "Cobo answered with something its API does not document; the answer was not used. The details are in the server log.";
  }
}
