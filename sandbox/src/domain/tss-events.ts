import type { JsonObject, TssRequestRecord } from "../state/types.js";
import { tssRequestWire } from "./serializers.js";

/** TSSRequestWebhookEventData for a TSS request. */
export function tssRequestEventData(r: TssRequestRecord): JsonObject {
  return { data_type: "TSSRequest", ...tssRequestWire(r) };
}
