import "server-only";
import type { z } from "zod";
import type { ActionSpec } from "@/lib/server/actions/run-action";
import { createRiskLimit, createRiskLimitInput, deleteRiskLimit, deleteRiskLimitInput, type RiskLimitRow } from "@/lib/server/risk/manage-risk-limits";

/** Admins add a rolling amount limit (per user or per wallet, per token). */
export const createRiskLimitSpec: ActionSpec<z.output<typeof createRiskLimitInput>, RiskLimitRow> = {
  name: "risk_limit.create",
  role: "admin",
  input: createRiskLimitInput,
  target: (input, output) => ({ type: "risk_limit", id: output?.id ?? `${input.scope}:${input.tokenId}:${input.windowSeconds}` }),
  run: (input) => createRiskLimit(input),
};

/** Admins remove a limit. */
export const deleteRiskLimitSpec: ActionSpec<z.output<typeof deleteRiskLimitInput>, { id: string }> = {
  name: "risk_limit.delete",
  role: "admin",
  input: deleteRiskLimitInput,
  target: (input) => ({ type: "risk_limit", id: input.id }),
  run: (input) => deleteRiskLimit(input),
};
