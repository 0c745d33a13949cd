import "server-only";
import { z } from "zod";
import { getCoboGateway } from "@/lib/cobo/client";
import { isCoboError } from "@/lib/cobo/errors";
import { readSetting, writeSetting } from "@/lib/db/system-settings";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/log/logger";

// Is Cobo's risk-control callback for our API key pointed at us? Cobo links the callback endpoint
// per API key, and "if no callback endpoint is linked to that API key, the withdrawal proceeds
// without this check" (docs/cobo-assumptions.md#6-risk-control-callback-linked-to-the-api-key). The risk rules run before submission anyway
// (check-transfer-before-submission.ts), but without the callback nothing checks a withdrawal made
// with our key elsewhere, nor a transfer between our check and Cobo's signing. So the link is
// checked with getApiKeyInfo (its `callback_url`) at start and then every
// COBO_CALLBACK_CHECK_INTERVAL_SECONDS by the reconciliation job, and the result is stored in
// system_settings for every instance: /api/health reports it (degraded unless linked to us) and the
// console shows it in Settings and as a banner on every page.

/** The path of our callback endpoint (app/api/callbacks/cobo/route.ts). */
export const CALLBACK_PATH = "/api/callbacks/cobo";

const SETTING_KEY = "cobo.callback_link";

export type CallbackLinkStatus = "linked" | "not_linked" | "linked_elsewhere" | "unknown";

const callbackLinkSchema = z.object({
  status: z.enum(["linked", "not_linked", "linked_elsewhere", "unknown"]),
  expectedUrl: z.string(),
  linkedUrl: z.string().nullable(),
  apiKey: z.string().nullable(),
  checkedAt: z.string(),
  detail: z.string(),
});

export type CallbackLink = z.infer<typeof callbackLinkSchema>;

/** Our public callback URL: APP_URL + the callback path. */
export function expectedCallbackUrl(): string {
  return new URL(CALLBACK_PATH, getEnv().APP_URL).toString();
}

/** Scheme, host, port and path compared; case of scheme and host, default ports and a trailing slash do not matter. */
export function sameCallbackUrl(a: string, b: string): boolean {
  const norm = (u: string): string | null => {
    try {
      const url = new URL(u.trim());
      return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
    } catch {
      return null;
    }
  };
  const na = norm(a);
  return na !== null && na === norm(b);
}

/** What a `callback_url` from getApiKeyInfo means for us. */
export function judgeCallbackUrl(linkedUrl: string | null | undefined, expected: string): Pick<CallbackLink, "status" | "detail"> {
  if (!linkedUrl || linkedUrl.trim() === "") {
    return {
      status: "not_linked",
      detail:
        "No risk-control callback is linked to our API key: Cobo lets withdrawals made with this key proceed without asking us. " +
        `Our rules still run before submission; link ${expected} to the API key in Cobo Portal.`,
    };
  }
  if (!sameCallbackUrl(linkedUrl, expected)) {
    return {
      status: "linked_elsewhere",
      detail:
        `The risk-control callback of our API key is ${linkedUrl}, not ${expected}: another endpoint approves or denies our withdrawals. ` +
        "Our rules still run before submission; point the API key's callback at this backend in Cobo Portal (or fix APP_URL).",
    };
  }
  return { status: "linked", detail: `Cobo asks ${expected} before signing withdrawals made with our API key.` };
}

/** Asks Cobo now (getApiKeyInfo), stores and returns the result. A failure to ask is "unknown", stored too. */
export async function checkCallbackLink(): Promise<CallbackLink> {
  const expectedUrl = expectedCallbackUrl();
  const checkedAt = new Date().toISOString();
  let result: CallbackLink;
  try {
    const info = await getCoboGateway().getApiKeyInfo();
    const linkedUrl = info.callback_url && info.callback_url.trim() !== "" ? info.callback_url : null;
    result = { ...judgeCallbackUrl(linkedUrl, expectedUrl), expectedUrl, linkedUrl, apiKey: info.key, checkedAt };
  } catch (error) {
    if (!isCoboError(error)) throw error;
    const code = error.coboErrorCode !== undefined ? ` (error ${error.coboErrorCode})` : "";
    result = {
      status: "unknown",
      expectedUrl,
      linkedUrl: null,
      apiKey: null,
      checkedAt,
      detail: `Cobo could not be asked which callback is linked to our API key: ${error.message}${code}`,
    };
  }
  await writeSetting(SETTING_KEY, result);
  if (result.status !== "linked") logger.warn({ event: "cobo.callback_link", status: result.status }, result.detail);
  return result;
}

/** The last stored check, or null when none was made yet (or the stored value is not one this code wrote). */
export async function readCallbackLink(): Promise<CallbackLink | null> {
  const stored = await readSetting(SETTING_KEY);
  const parsed = callbackLinkSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/** A check that could not ask Cobo is tried again this soon, not after the whole interval. */
const UNKNOWN_RETRY_MS = 30_000;

/** Whether a stored check is older than the interval (or made for another APP_URL, or Cobo could not be asked). */
function stale(link: CallbackLink | null, now: number): boolean {
  if (!link) return true;
  if (link.expectedUrl !== expectedCallbackUrl()) return true;
  const age = now - Date.parse(link.checkedAt);
  if (link.status === "unknown") return age >= UNKNOWN_RETRY_MS;
  return age >= getEnv().COBO_CALLBACK_CHECK_INTERVAL_SECONDS * 1000;
}

/** The stored check, asking Cobo again first when it is missing or older than the interval. */
export async function currentCallbackLink(now = Date.now()): Promise<CallbackLink> {
  const link = await readCallbackLink();
  if (link && !stale(link, now)) return link;
  return checkCallbackLink();
}
