import "server-only";
import { addressKey } from "@/lib/server/risk/addresses";

// Destination rules of one chain. A deny entry always wins. Allow entries turn the chain into an
// allow-list: once one exists, only listed addresses may receive withdrawals on that chain, and
// chains without allow entries stay open (apart from their deny entries).

export type AddressRuleFact = { id?: string; kind: string; chainId: string; address: string };

export type DestinationCheck =
  | { ok: true }
  | { ok: false; code: "destination_denied"; detail: string; ruleId: string | null }
  | { ok: false; code: "destination_not_allowed"; detail: string };

/** Checks a destination against the address rules (rules of other chains are ignored). */
export function checkDestination(rules: readonly AddressRuleFact[], chainId: string, address: string): DestinationCheck {
  const key = addressKey(address);
  const onChain = rules.filter((r) => r.chainId === chainId);
  const denied = onChain.find((r) => r.kind === "deny" && addressKey(r.address) === key);
  if (denied) {
    return { ok: false, code: "destination_denied", detail: `${address} is on the ${chainId} deny list`, ruleId: denied.id ?? null };
  }
  const allows = onChain.filter((r) => r.kind === "allow");
  // Any rule kind other than allow/deny is data we do not understand: it neither allows nor denies.
  if (allows.length > 0 && !allows.some((r) => addressKey(r.address) === key)) {
    return {
      ok: false,
      code: "destination_not_allowed",
      detail: `${address} is not on the ${chainId} allow list (${allows.length} entries)`,
    };
  }
  return { ok: true };
}
