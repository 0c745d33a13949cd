import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { appUserActor, renderActor } from "@/lib/actor";
import { getCoboGateway } from "@/lib/cobo/client";
import { coboErrorRecord, isCoboError, isDuplicateRequestId, type CoboError } from "@/lib/cobo/errors";
import type { FeeLevel, TransactionRequestFee } from "@/lib/cobo/transactions";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log/logger";
import { applyTransactionUpdate, recordTransferRefused } from "@/lib/server/transactions/apply-transaction-update";
import { transactionRecordSelect, type TransactionRecord } from "@/lib/server/transactions/transaction-record";
import { resolveTransferInputs } from "@/lib/server/transactions/transfer-inputs";
import { decideBeforeSubmission, refuseBeforeSubmission, RiskRefusal } from "@/lib/server/risk/check-transfer-before-submission";
import { recordRiskDecision } from "@/lib/server/risk/record-risk-decision";
import { deny } from "@/lib/server/risk/risk-reasons";

// The guide's "Submit transaction". A transfer moves money, so it must happen once however often
// the app retries or the server dies: the app's Idempotency-Key names the attempt, and our
// request_id (Cobo's idempotency key) is stored with the row in status "Created" BEFORE the first
// call to Cobo. A retry with the same key finds the row and, if Cobo never acknowledged it, calls
// Cobo again with the SAME request_id: Cobo dedupes it, and the gateway turns Cobo's "request_id
// already used" into the existing transfer. No database transaction is held across the call.

export type TransferInput = {
  token_id: string;
  from_address: string;
  to_address: string;
  amount: string;
  memo?: string;
  /** Exactly one of `fee` and `fee_level` (the Client API schema enforces it; Cobo refuses both). */
  fee?: TransactionRequestFee;
  fee_level?: FeeLevel;
  description?: string;
};

export type TransferSubmission = { created: boolean; transaction: TransactionRecord };

export type TransferRequest = { userId: string; coboWalletId: string; idempotencyKey: string; input: TransferInput };

/**
 * The answer to a retry: the transfer stored under this Idempotency-Key with the same body
 * (resumed if Cobo never acknowledged it), or null (a new key, or a key reused for a different
 * body, which createTransfer refuses after the rate limits are charged). The route asks this
 * before charging the rate limits, so a retry is never refused as too many.
 */
export async function replayTransfer(args: TransferRequest): Promise<TransferSubmission | null> {
  const earlier = await findByKey(args.userId, args.idempotencyKey);
  const requestHash = transferRequestHash(args.coboWalletId, args.input);
  return earlier && earlier.requestHash === requestHash ? replay(earlier, requestHash) : null;
}

/** Submits a transfer from the caller's wallet, exactly once per idempotency key (the caller charges the rate limits). */
export async function createTransfer(args: TransferRequest): Promise<TransferSubmission> {
  const { userId, coboWalletId, idempotencyKey, input } = args;
  const requestHash = transferRequestHash(coboWalletId, input);
  const earlier = await findByKey(userId, idempotencyKey);
  if (earlier) return replay(earlier, requestHash);
  // The risk rules run before anything is sent to Cobo (check-transfer-before-submission.ts); a
  // paused owner is refused first, before the token is looked up at Cobo.
  const requestBody = JSON.stringify({ wallet_id: coboWalletId, ...input });
  const owner = await db.user.findUnique({ where: { id: userId }, select: { id: true, status: true } });
  if (owner?.status !== "active") {
    throw await refuseBeforeSubmission(
      deny("user_paused", `app user ${userId} is ${owner?.status ?? "unknown"}`, { type: "user_status", id: null }),
      coboWalletId,
      requestBody,
    );
  }

  if (Boolean(input.fee) === Boolean(input.fee_level)) {
    throw new AppError("invalid_input", "The body is invalid.", {
      issues: [{ path: "body.fee", message: "give fee (one level of an estimate) or fee_level, not both" }],
    });
  }
  const { wallet, fromAddress, token, chainId } = await resolveTransferInputs(userId, coboWalletId, input);
  // Cobo would refuse it anyway; said here, it is a 422 naming the field instead of a failed transfer.
  if (input.fee && token.fee_token_id && input.fee.token_id !== token.fee_token_id) {
    throw new AppError("invalid_input", "The body is invalid.", {
      issues: [{ path: "body.fee.token_id", message: `must be ${token.fee_token_id}, the fee token of ${input.token_id}` }],
    });
  }
  let rowId: string;
  try {
    rowId = await db.$transaction(async (tx) => {
      const createdAt = new Date();
      const amount = new Prisma.Decimal(input.amount);
      const verdict = await decideBeforeSubmission(tx, {
        ownerId: userId,
        chainId,
        tokenId: input.token_id,
        walletRowId: wallet.id,
        amount,
        destination: input.to_address,
        createdAt,
      });
      if (verdict.decision !== "ok") throw new RiskRefusal(verdict);
      const requestId = randomUUID();
      const row = await tx.transaction.create({
        data: {
          requestId,
          createdAt,
          walletId: wallet.id,
          type: "Withdrawal",
          chainId,
          tokenId: input.token_id,
          amount,
          feeTokenId: input.fee?.token_id ?? token.fee_token_id ?? null,
          ...(input.fee ? { feeParams: input.fee } : {}),
          feeLevel: input.fee_level ?? null,
          sourceAddress: fromAddress.address,
          destinationAddress: input.to_address,
          destinationMemo: input.memo ?? null,
          status: "Created",
          description: input.description ?? null,
          userId,
          idempotencyKey,
          requestHash,
          initiator: renderActor(appUserActor(userId)),
        },
        select: { id: true },
      });
      await tx.transactionStatusChange.create({
        data: {
          transactionId: row.id,
          fromStatus: null,
          toStatus: "Created",
          source: "api",
          applied: true,
          note: "transfer requested by the app",
        },
      });
      await recordRiskDecision(
        {
          verdict,
          signatureResult: "not_applicable",
          stage: "pre_submission",
          rawBody: requestBody,
          ids: { requestId, transactionId: null, walletId: coboWalletId },
        },
        tx,
      );
      return row.id;
    });
  } catch (error) {
    if (error instanceof RiskRefusal) throw await refuseBeforeSubmission(error.verdict, coboWalletId, requestBody);
    // The same key arrived twice at once and the other request stored it first: answer as a replay.
    if (!isUniqueViolation(error)) throw error;
    const winner = await findByKey(userId, idempotencyKey);
    if (!winner) throw error;
    return replay(winner, requestHash);
  }
  await submitTransfer(rowId);
  return { created: true, transaction: await loadRecord(rowId) };
}

/**
 * Sends a "Created" transfer to Cobo with its stored request_id and applies the answer; a no-op
 * once Cobo has it. Safe to repeat and to run from anywhere (a retry, a reconciler). A Cobo
 * failure is rethrown: after a 5xx, a timeout or no connection (the outcome is unknown, or nothing
 * was sent) the row stays "Created" for the next attempt; after a refusal (any 4xx: Cobo looked at
 * it and did not create it) the row is Failed at once and never sent again.
 * A "Created" row older than TRANSFER_RESUBMIT_MAX_AGE_SECONDS is never sent: the app and its user
 * have long been told it did not go through. It is settled by Cobo's record instead.
 */
export async function submitTransfer(transactionRowId: string): Promise<void> {
  const row = await db.transaction.findUniqueOrThrow({
    where: { id: transactionRowId },
    select: {
      status: true,
      createdAt: true,
      requestId: true,
      tokenId: true,
      amount: true,
      feeParams: true,
      feeLevel: true,
      sourceAddress: true,
      destinationAddress: true,
      destinationMemo: true,
      description: true,
      wallet: { select: { coboWalletId: true } },
    },
  });
  if (row.status !== "Created") return;
  const coboWalletId = row.wallet.coboWalletId;
  const maxAgeSeconds = getEnv().TRANSFER_RESUBMIT_MAX_AGE_SECONDS;
  if (Date.now() - row.createdAt.getTime() > maxAgeSeconds * 1000) {
    await settleAbandonedTransfer(transactionRowId, row.requestId, maxAgeSeconds);
    return;
  }
  let outcome;
  try {
    outcome = await getCoboGateway().createTransfer({
      request_id: row.requestId,
      source: { source_type: "User-Controlled", wallet_id: coboWalletId, ...(row.sourceAddress ? { address: row.sourceAddress } : {}) },
      token_id: row.tokenId,
      destination: {
        destination_type: "Address",
        account_output: {
          address: row.destinationAddress ?? "",
          amount: row.amount.toFixed(),
          ...(row.destinationMemo ? { memo: row.destinationMemo } : {}),
        },
      },
      // The app's choice as it made it: a fee level (Cobo prices it) or the fee itself.
      ...(row.feeLevel ? { fee_level: row.feeLevel as FeeLevel } : row.feeParams ? { fee: row.feeParams as TransactionRequestFee } : {}),
      ...(row.description ? { description: row.description } : {}),
    });
  } catch (error) {
    if (refusedOutright(error)) {
      await recordTransferRefused(transactionRowId, error.message, { cobo_error: coboErrorRecord(error) });
      logger.info({ event: "transfer.refused", requestId: row.requestId, coboErrorCode: error.coboErrorCode }, "Cobo refused the transfer");
    }
    throw error;
  }
  await applyTransactionUpdate({
    coboTransaction: { transaction_id: outcome.transaction_id, request_id: row.requestId, wallet_id: coboWalletId, status: outcome.status },
    source: "api",
    note: outcome.resolvedExisting ? "Cobo already had this request_id: resumed the earlier submission" : "accepted by Cobo",
  });
  logger.info({ event: "transfer.submitted", requestId: row.requestId, coboTransactionId: outcome.transaction_id }, "transfer submitted");
}

/**
 * Too old to send: if Cobo has a transfer with our request_id (an answer we lost), track it;
 * otherwise it never reached Cobo and is marked Failed, so nothing sends it later.
 */
async function settleAbandonedTransfer(transactionRowId: string, requestId: string, maxAgeSeconds: number): Promise<void> {
  const atCobo = await getCoboGateway().getTransactionByRequestId(requestId);
  if (atCobo) {
    await applyTransactionUpdate({
      coboTransaction: atCobo,
      source: "poll",
      note: "found at Cobo by request_id after its answer was lost",
    });
    return;
  }
  const minutes = Math.round(maxAgeSeconds / 60);
  await recordTransferRefused(
    transactionRowId,
    `Not sent: Cobo never confirmed it within ${minutes} minutes, and it is not sent this late.`,
  );
  logger.warn({ event: "transfer.abandoned", requestId }, "transfer never reached Cobo within the resubmission window: marked Failed");
}

/**
 * A rejection: Cobo answered 4xx, so it looked at the request and did not create the transfer
 * (whatever the reason: the input, our key, our plan). A duplicate request_id is the exception:
 * the gateway resolves it to the existing transfer, and reaching here means it could not.
 */
function refusedOutright(error: unknown): error is CoboError {
  return isCoboError(error) && error.kind === "rejected" && !isDuplicateRequestId(error);
}

async function findByKey(userId: string, idempotencyKey: string) {
  return db.transaction.findUnique({
    where: { userId_idempotencyKey: { userId, idempotencyKey } },
    select: { id: true, requestHash: true, status: true },
  });
}

async function replay(
  earlier: { id: string; requestHash: string | null; status: string },
  requestHash: string,
): Promise<TransferSubmission> {
  if (earlier.requestHash !== requestHash) {
    throw new AppError("conflict", "This Idempotency-Key was already used for a different transfer. Use a new key for a new transfer.");
  }
  // Cobo never acknowledged it (an earlier attempt failed or died): resume with the same request_id.
  if (earlier.status === "Created") await submitTransfer(earlier.id);
  return { created: false, transaction: await loadRecord(earlier.id) };
}

async function loadRecord(id: string): Promise<TransactionRecord> {
  return db.transaction.findUniqueOrThrow({ where: { id }, select: transactionRecordSelect });
}

/** Hash of the request as the app sent it (wallet and canonical body): "the same request" means the same hash. */
export function transferRequestHash(coboWalletId: string, input: TransferInput): string {
  return createHash("sha256")
    .update(canonicalJson({ wallet_id: coboWalletId, ...input }))
    .digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
