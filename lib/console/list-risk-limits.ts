import "server-only";
import { db } from "@/lib/db/client";
import { riskLimitRow, riskLimitSelect, type RiskLimitRow } from "@/lib/server/risk/manage-risk-limits";

// Limits are few (a handful per token), so the console gets them all in one list, no paging.

/** Every amount limit, grouped by token, then scope, then window. */
export async function listRiskLimits(): Promise<RiskLimitRow[]> {
  const rows = await db.riskLimit.findMany({
    select: riskLimitSelect,
    orderBy: [{ tokenId: "asc" }, { scope: "asc" }, { windowSeconds: "asc" }, { id: "asc" }],
  });
  return rows.map(riskLimitRow);
}
