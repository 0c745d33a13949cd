"use server";

import { consoleAction } from "@/lib/http/console-action";
import { forgetNeedsAttentionCount } from "@/lib/console/get-needs-attention";
import { acknowledgeAttentionInput, acknowledgeAttentionItem } from "@/lib/server/attention/acknowledge-attention-item";

// Actions of the "Needs attention" page (made by the console's action client, lib/http/console-action.ts).

/** Admins take an item off the queue, saying why (support staff are refused; the refusal is audited). */
export const acknowledgeAttentionAction = consoleAction({
  name: "attention.acknowledge",
  role: "admin",
  input: acknowledgeAttentionInput,
  run: async (input, actor) => {
    const ack = await acknowledgeAttentionItem(input, actor);
    forgetNeedsAttentionCount();
    return ack;
  },
  target: (input) => ({ type: input.kind, id: input.subjectId }),
  details: (input) => ({ reason: input.reason }),
});
