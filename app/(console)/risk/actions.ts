"use server";

import { z } from "zod";
import { consoleAction } from "@/lib/http/console-action";
import { checkCallbackLink } from "@/lib/server/risk/callback-link";
import { retryCallbackMessageInput, retryFailedCallbackMessage } from "@/lib/server/risk/callback-messages";
import {
  createAddressRule,
  createAddressRuleInput,
  deleteAddressRule,
  deleteAddressRuleInput,
} from "@/lib/server/risk/manage-address-rules";
import { createRiskLimit, createRiskLimitInput, deleteRiskLimit, deleteRiskLimitInput } from "@/lib/server/risk/manage-risk-limits";

// Admin actions of the risk page (made by the console's action client, see lib/http/console-action.ts).
// Every change of a limit or an address rule is in the approval category "risk_rules": with the
// policy on, it waits for a second admin (the forms ask for a reason and a confirmation).

/** Admins add a rolling amount limit (per user or per wallet, per token). */
export const createRiskLimitAction = consoleAction({
  name: "risk_limit.create",
  role: "admin",
  approval: "risk_rules",
  input: createRiskLimitInput,
  run: (input) => createRiskLimit(input),
  target: (input, output) => ({ type: "risk_limit", id: output?.id ?? `${input.scope}:${input.tokenId}:${input.windowSeconds}` }),
});

/** Admins remove a limit. */
export const deleteRiskLimitAction = consoleAction({
  name: "risk_limit.delete",
  role: "admin",
  approval: "risk_rules",
  input: deleteRiskLimitInput,
  run: (input) => deleteRiskLimit(input),
  target: (input) => ({ type: "risk_limit", id: input.id }),
});

/** Admins put a destination on a chain's allow or deny list. */
export const createAddressRuleAction = consoleAction({
  name: "risk_address_rule.create",
  role: "admin",
  approval: "risk_rules",
  input: createAddressRuleInput,
  run: (input) => createAddressRule(input),
  target: (input, output) => ({ type: "risk_address_rule", id: output?.id ?? `${input.kind}:${input.chainId}:${input.address}` }),
});

/** Admins take a destination off a list. */
export const deleteAddressRuleAction = consoleAction({
  name: "risk_address_rule.delete",
  role: "admin",
  approval: "risk_rules",
  input: deleteAddressRuleInput,
  run: (input) => deleteAddressRule(input),
  target: (input) => ({ type: "risk_address_rule", id: input.id }),
});

/** Admins ask Cobo to resend a risk-control callback message it gave up on (Failed). */
export const retryCallbackMessageAction = consoleAction({
  name: "callback_message.retry",
  role: "admin",
  input: retryCallbackMessageInput,
  run: (input, actor) => retryFailedCallbackMessage(input.messageId, actor),
  target: (input) => ({ type: "callback_message", id: input.messageId }),
});

/** Any console user asks Cobo now which callback is linked to our API key (getApiKeyInfo); the result is stored for every instance. */
export const checkCallbackLinkAction = consoleAction({
  name: "callback_link.check",
  role: "any",
  input: z.object({}),
  run: async () => {
    const link = await checkCallbackLink();
    return { status: link.status, detail: link.detail };
  },
  target: () => ({ type: "cobo_api_key" }),
});
