import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db/client";
import type { CsvValue } from "@/lib/console/csv";
import { auditDetailsLine } from "@/lib/console/audit-details";
import { AUDIT_FILTER_KEYS, auditLogListQuery, auditLogRows, auditLogRowSelect, listAuditLogInput } from "@/lib/console/list-audit-log";
import { inPageOrder, keysetBatches, sortToken, unreadFilters, type KeysetQuery, type SortState } from "@/lib/console/list-query";
import { listRiskDecisionsInput, riskDecisionRow, riskDecisionRowSelect, riskDecisionsListQuery } from "@/lib/console/list-risk-decisions";
import { listTransactionsInput, TRANSACTION_FILTER_KEYS, transactionsListQuery } from "@/lib/console/list-transactions";
import { listWebhookEventsInput, webhookEventsListQuery } from "@/lib/console/list-webhook-events";
import { decimalString, decimalStringOrNull, isoString, isoStringOrNull } from "@/lib/serialize";

// What the console's CSV exports contain: the rows of a list with the filters and sort of the view
// it was asked from (the same keyset query as the page, read in batches of ids), as CSV values.
// Columns are chosen, never "every column": no raw bodies (large, and attacker-supplied for refused
// deliveries), no idempotency keys, request hashes or fee parameters, nothing secret.

export const EXPORT_KINDS = ["transactions", "audit-log", "risk-decisions", "webhook-events"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export type ExportPlan = {
  kind: ExportKind;
  /** the filters and sort the export applies, as the URL gave them (for the audit row and the file name) */
  filters: Record<string, string>;
  sort: string;
  header: readonly string[];
  /** the rows, one batch of CSV records per keyset batch */
  batches: (batchSize?: number) => AsyncGenerator<CsvValue[][]>;
};

type Definition<I> = {
  input: z.ZodType<I>;
  filterKeys: readonly string[];
  query: (input: I) => KeysetQuery;
  header: readonly string[];
  load: (ids: string[]) => Promise<CsvValue[][]>;
};

const define = <I>(d: Definition<I>) => d;

const DEFINITIONS = {
  transactions: define({
    input: listTransactionsInput,
    filterKeys: TRANSACTION_FILTER_KEYS,
    query: transactionsListQuery,
    header: [
      "id",
      "cobo_transaction_id",
      "request_id",
      "type",
      "status",
      "sub_status",
      "chain_id",
      "token_id",
      "amount",
      "fee_amount",
      "fee_token_id",
      "source_address",
      "destination_address",
      "transaction_hash",
      "confirmed_num",
      "failed_reason",
      "user_id",
      "user_email",
      "wallet_id",
      "cobo_wallet_id",
      "created_at",
      "updated_at",
    ],
    load: async (ids) => {
      const rows = await db.transaction.findMany({
        where: { id: { in: ids } },
        select: {
          id: true,
          coboTransactionId: true,
          requestId: true,
          type: true,
          status: true,
          subStatus: true,
          chainId: true,
          tokenId: true,
          amount: true,
          feeAmount: true,
          feeTokenId: true,
          sourceAddress: true,
          destinationAddress: true,
          transactionHash: true,
          confirmedNum: true,
          failedReason: true,
          createdAt: true,
          updatedAt: true,
          wallet: { select: { id: true, coboWalletId: true, vault: { select: { user: { select: { id: true, email: true } } } } } },
        },
      });
      return inPageOrder(ids, rows).map((t) => [
        t.id,
        t.coboTransactionId,
        t.requestId,
        t.type,
        t.status,
        t.subStatus,
        t.chainId,
        t.tokenId,
        decimalString(t.amount),
        decimalStringOrNull(t.feeAmount),
        t.feeTokenId,
        t.sourceAddress,
        t.destinationAddress,
        t.transactionHash,
        t.confirmedNum,
        t.failedReason,
        t.wallet.vault.user.id,
        t.wallet.vault.user.email,
        t.wallet.id,
        t.wallet.coboWalletId,
        isoString(t.createdAt),
        isoString(t.updatedAt),
      ]);
    },
  }),
  "audit-log": define({
    input: listAuditLogInput,
    filterKeys: AUDIT_FILTER_KEYS,
    query: auditLogListQuery,
    header: [
      "id",
      "created_at",
      "actor_email",
      "actor_role",
      "action",
      "outcome",
      "target_type",
      "target_id",
      "target_name",
      "details",
      "request_id",
    ],
    load: async (ids) => {
      const entries = await db.auditLog.findMany({ where: { id: { in: ids } }, select: auditLogRowSelect });
      const ordered = inPageOrder(ids, entries);
      const rows = await auditLogRows(ordered);
      return rows.map((r, i) => [
        r.id,
        r.createdAt,
        r.actorEmail,
        r.actorRole,
        r.action,
        r.outcome,
        r.targetType,
        r.targetId,
        r.targetName,
        auditDetailsLine(ordered[i]!.details),
        r.requestId,
      ]);
    },
  }),
  "risk-decisions": define({
    input: listRiskDecisionsInput,
    filterKeys: ["q", "decision", "reason", "signatureResult"],
    query: riskDecisionsListQuery,
    header: [
      "id",
      "created_at",
      "decision",
      "reason_code",
      "reason_detail",
      "signature_result",
      "request_id",
      "cobo_transaction_id",
      "cobo_wallet_id",
    ],
    load: async (ids) => {
      const rows = await db.riskDecision.findMany({ where: { id: { in: ids } }, select: riskDecisionRowSelect });
      return inPageOrder(ids, rows)
        .map(riskDecisionRow)
        .map((r) => [
          r.id,
          r.createdAt,
          r.decision,
          r.reasonCode,
          r.reasonDetail,
          r.signatureResult,
          r.requestId,
          r.coboTransactionId,
          r.walletId,
        ]);
    },
  }),
  "webhook-events": define({
    input: listWebhookEventsInput,
    filterKeys: ["q", "status", "type", "signature"],
    query: webhookEventsListQuery,
    header: ["id", "event_id", "type", "status", "signature_result", "source", "received_at", "applied_at", "attempts", "last_error"],
    load: async (ids) => {
      // raw_body is never read: it is Cobo's payload (or an attacker's, for a refused delivery).
      const rows = await db.webhookEvent.findMany({
        where: { id: { in: ids } },
        select: {
          id: true,
          eventId: true,
          type: true,
          status: true,
          signatureResult: true,
          source: true,
          receivedAt: true,
          appliedAt: true,
          attempts: true,
          lastError: true,
        },
      });
      return inPageOrder(ids, rows).map((e) => [
        e.id,
        e.eventId,
        e.type,
        e.status,
        e.signatureResult,
        e.source,
        isoString(e.receivedAt),
        isoStringOrNull(e.appliedAt),
        e.attempts,
        e.lastError,
      ]);
    },
  }),
} satisfies Record<ExportKind, unknown>;

export const isExportKind = (value: string): value is ExportKind => (EXPORT_KINDS as readonly string[]).includes(value);

/**
 * The export of one list with the view's filters and sort (`params`: the page's query string).
 * Returns the filter parameters it could not read instead, so a mistyped filter never widens an
 * export to rows nobody asked for (the page itself shows them unfiltered, which is visible).
 */
export function planExport(kind: ExportKind, params: Record<string, string>): { plan: ExportPlan } | { unread: string[] } {
  switch (kind) {
    case "transactions":
      return build(kind, DEFINITIONS.transactions, params);
    case "audit-log":
      return build(kind, DEFINITIONS["audit-log"], params);
    case "risk-decisions":
      return build(kind, DEFINITIONS["risk-decisions"], params);
    case "webhook-events":
      return build(kind, DEFINITIONS["webhook-events"], params);
  }
}

function build<I extends { sort: SortState }>(
  kind: ExportKind,
  def: Definition<I>,
  params: Record<string, string>,
): { plan: ExportPlan } | { unread: string[] } {
  const input = def.input.parse(params);
  const values = input as Record<string, unknown>;
  const unread = unreadFilters(params, values, def.filterKeys);
  if (unread.length > 0) return { unread };
  const query = def.query(input);
  const filters: Record<string, string> = {};
  for (const key of def.filterKeys) {
    const value = values[key];
    if (typeof value === "string") filters[key] = value;
  }
  return {
    plan: {
      kind,
      filters,
      sort: sortToken(input.sort),
      header: def.header,
      batches: async function* (batchSize = 500) {
        for await (const ids of keysetBatches(query, batchSize)) yield await def.load(ids);
      },
    },
  };
}
