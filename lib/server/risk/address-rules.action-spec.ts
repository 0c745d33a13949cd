import "server-only";
import type { z } from "zod";
import type { ActionSpec } from "@/lib/server/actions/run-action";
import { createAddressRule, createAddressRuleInput, deleteAddressRule, deleteAddressRuleInput, type AddressRuleRow } from "@/lib/server/risk/manage-address-rules";

/** Admins put a destination on a chain's allow or deny list. */
export const createAddressRuleSpec: ActionSpec<z.output<typeof createAddressRuleInput>, AddressRuleRow> = {
  name: "risk_address_rule.create",
  role: "admin",
  input: createAddressRuleInput,
  target: (input, output) => ({ type: "risk_address_rule", id: output?.id ?? `${input.kind}:${input.chainId}:${input.address}` }),
  run: (input) => createAddressRule(input),
};

/** Admins take a destination off a list. */
export const deleteAddressRuleSpec: ActionSpec<z.output<typeof deleteAddressRuleInput>, { id: string }> = {
  name: "risk_address_rule.delete",
  role: "admin",
  input: deleteAddressRuleInput,
  target: (input) => ({ type: "risk_address_rule", id: input.id }),
  run: (input) => deleteAddressRule(input),
};
