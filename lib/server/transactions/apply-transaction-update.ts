import "server-only";
import type { Transaction as CoboTransaction } from "@/lib/cobo/types";
import { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log/logger";
import { inStatusTransaction, writeStatusChange } from "@/lib/server/events/write-status-change";
import { isFinalTransactionStatus, transactionUpdateAllowed } from "@/lib/server/transactions/transaction-status";

// The one place a transaction's state changes. Whatever reports it (our own transfer call, Cobo's
// webhook, polling, an admin), the report is applied here in one short database transaction:
// the row is found by Cobo's transaction id or our request_id (or created, for a deposit to one of
// our wallets or a transfer made outside this backend), only forward moves are applied (see
// transaction-status.ts; Cobo's updated_timestamp orders reports of the same status), details
// (hash, confirmations, fee, failed reason) are refreshed by newer reports, a timeline entry and
// a notice for the wallet's user are written with the change (by writeStatusChange, the one writer
// of status changes). Concurrent appliers are kept apart by optimistic concurrency on the state
// that was read: a loser re-reads and tries again.

type TransactionUpdateSource = "webhook" | "poll" | "api" | "admin";

export type TransactionUpdate = {
  /** Cobo's transaction as Cobo reported it (webhook data, getTransaction, listTransactions). */
  coboTransaction: CoboTransaction;
  source: TransactionUpdateSource;
  webhookEventId?: string | null;
  note?: string | null;
};

export type TransactionUpdateResult = {
  /** an existing row matched */
  found: boolean;
  /** a new row was made (the transaction belongs to one of our wallets but was unknown) */
  created: boolean;
  /** the status (or sub-status) moved */
  applied: boolean;
  /** our row id, when the transaction is ours */
  transactionId: string | null;
  /** the status we hold after this update */
  status: string | null;
};

/** What one report says, independent of where it came from. */
type Observation = {
  coboTransactionId: string | null;
  status: string;
  subStatus: string | null;
  updatedAt: Date | null;
  failedReason?: string | null;
  transactionHash?: string | null;
  confirmedNum?: number | null;
  confirmingThreshold?: number | null;
  feeAmount?: Prisma.Decimal | null;
  feeTokenId?: string | null;
  feeParams?: Prisma.InputJsonValue;
  coboCreatedAt?: Date | null;
};

type Meta = {
  source: TransactionUpdateSource | "app";
  note?: string | null;
  webhookEventId?: string | null;
  payload?: Prisma.InputJsonValue;
};

const rowSelect = {
  id: true,
  requestId: true,
  coboTransactionId: true,
  status: true,
  subStatus: true,
  coboUpdatedAt: true,
  transactionHash: true,
  wallet: { select: { vault: { select: { userId: true } } } },
} as const satisfies Prisma.TransactionSelect;

type Row = Prisma.TransactionGetPayload<{ select: typeof rowSelect }>;

type Tx = Prisma.TransactionClient;

/** Applies one report of a Cobo transaction (idempotent: duplicates and late reports change nothing). */
export async function applyTransactionUpdate(update: TransactionUpdate): Promise<TransactionUpdateResult> {
  const cobo = update.coboTransaction;
  const obs = observe(cobo);
  const meta: Meta = {
    source: update.source,
    note: update.note ?? null,
    webhookEventId: update.webhookEventId ?? null,
    payload: toJson(cobo),
  };
  return inStatusTransaction(`transaction ${cobo.transaction_id}`, async (tx) => {
    let row = await tx.transaction.findUnique({ where: { coboTransactionId: cobo.transaction_id }, select: rowSelect });
    let requestIdTaken = false;
    if (!row && cobo.request_id) {
      const byRequest = await tx.transaction.findUnique({ where: { requestId: cobo.request_id }, select: rowSelect });
      if (byRequest && byRequest.coboTransactionId && byRequest.coboTransactionId !== cobo.transaction_id) {
        // Our request_id on another Cobo transaction: never merge two transactions into one row.
        logger.warn(
          { requestId: cobo.request_id, coboTransactionId: cobo.transaction_id },
          "request_id already bound to another Cobo transaction",
        );
        requestIdTaken = true;
      } else {
        row = byRequest;
      }
    }
    if (row) return applyToRow(tx, row, obs, meta);
    return createFromCobo(tx, cobo, obs, meta, requestIdTaken);
  });
}

/**
 * Records that Cobo refused a transfer outright (a 4xx: it did not create it), so the row leaves
 * "Created" as Failed and a retry with the same idempotency key answers that instead of resending.
 */
export async function recordTransferRefused(
  transactionRowId: string,
  reason: string,
  /** for the console's timeline only (e.g. Cobo's own error text: `{cobo_error}`), never shown to the app */
  payload?: Prisma.InputJsonValue,
): Promise<TransactionUpdateResult> {
  return inStatusTransaction(`transaction row ${transactionRowId}`, async (tx) => {
    const row = await tx.transaction.findUniqueOrThrow({ where: { id: transactionRowId }, select: rowSelect });
    return applyToRow(
      tx,
      row,
      { coboTransactionId: null, status: "Failed", subStatus: null, updatedAt: null, failedReason: reason },
      { source: "api", note: reason, ...(payload !== undefined ? { payload } : {}) },
    );
  });
}

async function applyToRow(tx: Tx, row: Row, obs: Observation, meta: Meta): Promise<TransactionUpdateResult> {
  const current = { status: row.status, subStatus: row.subStatus, updatedAt: row.coboUpdatedAt };
  const next = { status: obs.status, subStatus: obs.subStatus, updatedAt: obs.updatedAt };
  const applies = transactionUpdateAllowed(current, next);
  const sameState = obs.status === row.status && obs.subStatus === row.subStatus;
  const newer = obs.updatedAt !== null && (row.coboUpdatedAt === null || obs.updatedAt > row.coboUpdatedAt);
  // Confirmations, hash and fee move while the status stays: a newer report of the same state refreshes them.
  const refresh = applies || (sameState && newer);

  const data: Prisma.TransactionUpdateManyMutationInput = { lastSyncedAt: new Date() };
  // Facts that only ever get filled in are taken from any report, even a late one.
  if (!row.coboTransactionId && obs.coboTransactionId) data.coboTransactionId = obs.coboTransactionId;
  if (!row.transactionHash && obs.transactionHash) data.transactionHash = obs.transactionHash;
  if (refresh) Object.assign(data, details(obs));
  if (applies) {
    data.status = obs.status;
    data.subStatus = obs.subStatus;
  }
  await writeStatusChange(tx, {
    subject: "transaction",
    rowId: row.id,
    update: { expect: { status: row.status, subStatus: row.subStatus, coboUpdatedAt: row.coboUpdatedAt }, data },
    // A repeated report of the state we hold adds nothing to the timeline.
    timeline:
      applies || !sameState
        ? {
            fromStatus: row.status,
            toStatus: obs.status,
            subStatus: obs.subStatus,
            source: meta.source,
            applied: applies,
            note:
              meta.note ??
              (applies
                ? null
                : isFinalTransactionStatus(row.status)
                  ? `${row.status} is final (only a newer Failed may follow Completed); not applied`
                  : "older than the recorded status; not applied"),
            webhookEventId: meta.webhookEventId ?? null,
            payload: meta.payload,
          }
        : null,
    notice: applies
      ? {
          userId: row.wallet.vault.userId,
          subjectId: row.coboTransactionId ?? obs.coboTransactionId ?? row.requestId,
          status: obs.status,
          subStatus: obs.subStatus,
        }
      : null,
  });
  return { found: true, created: false, applied: applies, transactionId: row.id, status: applies ? obs.status : row.status };
}

async function createFromCobo(
  tx: Tx,
  cobo: CoboTransaction,
  obs: Observation,
  meta: Meta,
  requestIdTaken: boolean,
): Promise<TransactionUpdateResult> {
  const notOurs: TransactionUpdateResult = { found: false, created: false, applied: false, transactionId: null, status: null };
  if (!cobo.wallet_id) return notOurs;
  const wallet = await tx.wallet.findUnique({
    where: { coboWalletId: cobo.wallet_id },
    select: { id: true, vault: { select: { userId: true } } },
  });
  if (!wallet) return notOurs;

  const parties = partiesOf(cobo);
  const row = await tx.transaction.create({
    data: {
      // Deposits carry no request_id (or an empty one); ours must be unique, so it is derived from Cobo's id.
      requestId: cobo.request_id && !requestIdTaken ? cobo.request_id : `cobo:${cobo.transaction_id}`,
      coboTransactionId: cobo.transaction_id,
      walletId: wallet.id,
      type: cobo.type ?? "Unknown",
      chainId: cobo.chain_id ?? "",
      tokenId: cobo.token_id ?? "",
      amount: parties.amount,
      sourceAddress: parties.from,
      destinationAddress: parties.to,
      destinationMemo: parties.memo,
      status: obs.status,
      subStatus: obs.subStatus,
      coboUpdatedAt: obs.updatedAt,
      lastSyncedAt: new Date(),
      description: cobo.description || null,
      initiator: cobo.initiator_type ?? null,
      ...details(obs),
      ...(obs.transactionHash ? { transactionHash: obs.transactionHash } : {}),
    },
    select: { id: true },
  });
  await writeStatusChange(tx, {
    subject: "transaction",
    rowId: row.id,
    timeline: {
      fromStatus: null,
      toStatus: obs.status,
      subStatus: obs.subStatus,
      source: meta.source,
      applied: true,
      note: meta.note ?? (cobo.type === "Deposit" ? "deposit seen at Cobo" : "transaction made outside this backend, seen at Cobo"),
      webhookEventId: meta.webhookEventId ?? null,
      payload: meta.payload,
    },
    notice: { userId: wallet.vault.userId, subjectId: cobo.transaction_id, status: obs.status, subStatus: obs.subStatus },
  });
  return { found: false, created: true, applied: true, transactionId: row.id, status: obs.status };
}

/** The fields a newer report refreshes (only those the report carries). */
type Details = {
  coboUpdatedAt?: Date;
  failedReason?: string | null;
  transactionHash?: string;
  confirmedNum?: number;
  confirmingThreshold?: number;
  feeAmount?: Prisma.Decimal;
  feeTokenId?: string;
  feeParams?: Prisma.InputJsonValue;
  coboCreatedAt?: Date;
};

function details(obs: Observation): Details {
  const d: Details = {};
  if (obs.updatedAt) d.coboUpdatedAt = obs.updatedAt;
  if (obs.failedReason !== undefined) d.failedReason = obs.failedReason;
  if (obs.transactionHash) d.transactionHash = obs.transactionHash;
  if (obs.confirmedNum !== undefined && obs.confirmedNum !== null) d.confirmedNum = obs.confirmedNum;
  if (obs.confirmingThreshold !== undefined && obs.confirmingThreshold !== null) d.confirmingThreshold = obs.confirmingThreshold;
  if (obs.feeAmount) d.feeAmount = obs.feeAmount;
  if (obs.feeTokenId) d.feeTokenId = obs.feeTokenId;
  if (obs.feeParams !== undefined) d.feeParams = obs.feeParams;
  if (obs.coboCreatedAt) d.coboCreatedAt = obs.coboCreatedAt;
  return d;
}

function observe(t: CoboTransaction): Observation {
  const fee = t.fee ?? null;
  const feeUsed = decimalOrNull(fee?.fee_used);
  const feeToken = typeof fee?.token_id === "string" && fee.token_id ? fee.token_id : null;
  return {
    coboTransactionId: t.transaction_id,
    status: t.status,
    subStatus: t.sub_status || null,
    updatedAt: typeof t.updated_timestamp === "number" ? new Date(t.updated_timestamp) : null,
    failedReason: t.failed_reason === undefined ? undefined : t.failed_reason || null,
    transactionHash: t.transaction_hash || null,
    confirmedNum: t.confirmed_num ?? null,
    confirmingThreshold: t.confirming_threshold ?? null,
    feeAmount: feeUsed,
    feeTokenId: feeToken,
    feeParams: fee ? toJson(fee) : undefined,
    coboCreatedAt: typeof t.created_timestamp === "number" ? new Date(t.created_timestamp) : null,
  };
}

const DECIMAL = /^\d{1,40}(\.\d{1,30})?$/;

function decimalOrNull(value: unknown): Prisma.Decimal | null {
  return typeof value === "string" && DECIMAL.test(value) ? new Prisma.Decimal(value) : null;
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/** Amount and addresses from Cobo's source/destination oneOfs (transfer, deposit, UTXO outputs). */
function partiesOf(t: CoboTransaction): { amount: Prisma.Decimal; from: string | null; to: string | null; memo: string | null } {
  const source: Loose = t.source ?? {};
  const dest: Loose = t.destination ?? {};
  const output = isObject(dest.account_output) ? dest.account_output : null;
  const utxos = Array.isArray(dest.utxo_outputs) ? dest.utxo_outputs.filter(isObject) : [];
  let amount = decimalOrNull(output?.amount) ?? decimalOrNull(dest.amount);
  if (!amount && utxos.length > 0) amount = utxos.reduce((sum, o) => sum.plus(decimalOrNull(o.amount) ?? 0), new Prisma.Decimal(0));
  const addresses = Array.isArray(source.addresses) ? source.addresses : [];
  return {
    amount: amount ?? new Prisma.Decimal(0),
    from: str(source.address) ?? str(addresses[0]),
    to: str(output?.address) ?? str(dest.address) ?? str(utxos[0]?.address),
    memo: str(output?.memo) ?? str(dest.memo),
  };
}

function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
