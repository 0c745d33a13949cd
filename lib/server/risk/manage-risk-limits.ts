import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { isRecordNotFound, isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { isoString } from "@/lib/serialize";

// Admins set amount limits for the risk-control callback. A limit applies to every user (scope
// "user") or every wallet (scope "wallet") for one token over one rolling window; several windows
// per token may coexist (e.g. per hour and per day). Changes apply to the next callback.

export const RISK_LIMIT_SCOPES = ["user", "wallet"] as const;

/** Decimal(65, 30): at most 35 integer and 30 fractional digits; 0 blocks the token outright. */
const maxAmount = z
  .string()
  .trim()
  .regex(/^\d{1,35}(\.\d{1,30})?$/, "must be a decimal amount such as 1000 or 0.5 (at most 30 decimals)");

export const createRiskLimitInput = z.object({
  scope: z.enum(RISK_LIMIT_SCOPES),
  tokenId: z.string().trim().min(1).max(100),
  maxAmount,
  windowSeconds: z.coerce
    .number()
    .int()
    .min(1)
    .max(366 * 24 * 60 * 60),
  enabled: z.boolean().default(true),
});

export const deleteRiskLimitInput = z.object({ id: z.guid() });

export type RiskLimitRow = {
  id: string;
  scope: string;
  tokenId: string;
  /** decimal string, never a float */
  maxAmount: string;
  windowSeconds: number;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
};

export const riskLimitSelect = {
  id: true,
  scope: true,
  tokenId: true,
  maxAmount: true,
  windowSeconds: true,
  enabled: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** A limit row as the console shows it (strings for money and dates). */
export function riskLimitRow(l: Prisma.RiskLimitGetPayload<{ select: typeof riskLimitSelect }>): RiskLimitRow {
  return { ...l, maxAmount: l.maxAmount.toFixed(), createdAt: isoString(l.createdAt), updatedAt: isoString(l.updatedAt) };
}

/** Adds a limit; the same scope, token and window twice is a conflict (change means delete and add). */
export async function createRiskLimit(input: z.output<typeof createRiskLimitInput>): Promise<RiskLimitRow> {
  try {
    const row = await db.riskLimit.create({
      data: {
        scope: input.scope,
        tokenId: input.tokenId,
        maxAmount: new Prisma.Decimal(input.maxAmount),
        windowSeconds: input.windowSeconds,
        enabled: input.enabled,
      },
      select: riskLimitSelect,
    });
    return riskLimitRow(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(
        "conflict",
        `A ${input.scope} limit for ${input.tokenId} over ${input.windowSeconds} s already exists. Delete it first to change it.`,
      );
    }
    throw error;
  }
}

/** Removes a limit. */
export async function deleteRiskLimit(input: z.output<typeof deleteRiskLimitInput>): Promise<{ id: string }> {
  try {
    return await db.riskLimit.delete({ where: { id: input.id }, select: { id: true } });
  } catch (error) {
    if (isRecordNotFound(error)) throw new AppError("not_found", "This limit does not exist (any more).");
    throw error;
  }
}
