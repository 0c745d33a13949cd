"use server";

import { runConsoleAction } from "@/app/(console)/_lib/run-console-action";
import { createAddressRuleSpec, deleteAddressRuleSpec } from "@/lib/server/risk/address-rules.action-spec";
import { createRiskLimitSpec, deleteRiskLimitSpec } from "@/lib/server/risk/risk-limits.action-spec";

export async function createRiskLimitAction(input: unknown) {
  return runConsoleAction(createRiskLimitSpec, input);
}

export async function deleteRiskLimitAction(input: unknown) {
  return runConsoleAction(deleteRiskLimitSpec, input);
}

export async function createAddressRuleAction(input: unknown) {
  return runConsoleAction(createAddressRuleSpec, input);
}

export async function deleteAddressRuleAction(input: unknown) {
  return runConsoleAction(deleteAddressRuleSpec, input);
}
