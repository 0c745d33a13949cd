import "server-only";
import { consoleActor } from "@/lib/actor";
import { csvStream } from "@/lib/console/csv";
import { planExport, type ExportKind } from "@/lib/console/exports";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { ConsoleIdentity } from "@/lib/server/console-users/console-users";

// The console's CSV downloads (GET /api/console/exports/<kind>?<the list's query string>): any
// signed-in console user, support staff included (an export only reads). Every export is audited
// before its first byte: who, which list, which filters and sort. The rows stream in keyset batches
// (lib/console/exports.ts, lib/console/csv.ts), so a million-row export holds one batch in memory.

/**
 * Refuses a download another site started: a cross-site link or form would otherwise make a signed-in
 * person's browser run (and audit) an export. Browsers send Sec-Fetch-Site; a link in the console is
 * same-origin, a typed or bookmarked URL "none".
 */
export function assertExportFetchSite(req: Request): void {
  const site = req.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none")
    throw new AppError("forbidden", "Exports start from the console itself, not from another site.");
}

/** The CSV response of one export for `identity`, or an AppError (422) naming filters it cannot read. */
export async function exportResponse(
  kind: ExportKind,
  params: Record<string, string>,
  identity: ConsoleIdentity,
  batchSize?: number,
): Promise<Response> {
  const actor = consoleActor(identity);
  const planned = planExport(kind, params);
  if ("unread" in planned) {
    await recordAudit({
      actor,
      action: `export.${kind}`,
      outcome: "failed",
      targetType: "export",
      targetId: kind,
      details: { code: "invalid_input", unreadFilters: planned.unread.join(", ") },
    });
    throw new AppError(
      "invalid_input",
      `These filters could not be read: ${planned.unread.join(", ")}. Correct or remove them and export again.`,
      {
        issues: planned.unread.map((name) => ({ path: `query.${name}`, message: "Not a value this filter accepts." })),
      },
    );
  }
  const { plan } = planned;
  await recordAudit({
    actor,
    action: `export.${kind}`,
    outcome: "succeeded",
    targetType: "export",
    targetId: kind,
    details: { filters: plan.filters, sort: plan.sort },
  });
  const batches = async function* () {
    try {
      yield* plan.batches(batchSize);
    } catch (error) {
      logger.error({ err: error, export: kind }, "export failed while streaming");
      throw error;
    }
  };
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
  return new Response(csvStream(plan.header, batches()), {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${kind}-${stamp}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
