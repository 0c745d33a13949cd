import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { isRecordNotFound, isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isoString } from "@/lib/serialize";
import { addressKey } from "@/lib/server/risk/addresses";

// Admins keep destination allow and deny lists per chain (semantics in check-destination.ts).
// Addresses are stored in the form they are compared in (EVM lower-cased), so one address cannot
// be listed twice under two spellings.

export const ADDRESS_RULE_KINDS = ["allow", "deny"] as const;

export const createAddressRuleInput = z.object({
  kind: z.enum(ADDRESS_RULE_KINDS),
  chainId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_]{1,64}$/, 'Enter a Cobo chain id, e.g. "ETH" or "BTC".'),
  // What on-chain addresses are made of (hex, base58, bech32, "prefix:payload", account names):
  // no spaces or other punctuation; a 0x address must be 20 bytes of hex.
  address: z
    .string()
    .trim()
    .min(1, "Enter an address.")
    .max(200, "An address has at most 200 characters.")
    .regex(/^[A-Za-z0-9:._-]+$/, "An address has only letters, digits and : . _ - (no spaces).")
    .refine((a) => !/^0x/i.test(a) || /^0x[0-9a-fA-F]{40}$/.test(a), "A 0x address has exactly 40 hex digits after 0x."),
  note: z
    .string()
    .trim()
    .max(500)
    .optional()
    .transform((v) => (v === "" ? undefined : v)),
});

export const deleteAddressRuleInput = z.object({ id: z.guid() });

export type AddressRuleRow = { id: string; kind: string; chainId: string; address: string; note: string | null; createdAt: string };

export const addressRuleSelect = { id: true, kind: true, chainId: true, address: true, note: true, createdAt: true } as const;

/** A rule row as the console shows it. */
export function addressRuleRow(r: Prisma.RiskAddressRuleGetPayload<{ select: typeof addressRuleSelect }>): AddressRuleRow {
  return { ...r, createdAt: isoString(r.createdAt) };
}

/** Adds an allow or deny entry for a chain; an existing identical entry is a conflict. */
export async function createAddressRule(input: z.output<typeof createAddressRuleInput>): Promise<AddressRuleRow> {
  const address = addressKey(input.address);
  try {
    const row = await db.riskAddressRule.create({
      data: { kind: input.kind, chainId: input.chainId, address, note: input.note ?? null },
      select: addressRuleSelect,
    });
    return addressRuleRow(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", `${address} is already on the ${input.chainId} ${input.kind} list.`);
    throw error;
  }
}

/** Removes an allow or deny entry. */
export async function deleteAddressRule(input: z.output<typeof deleteAddressRuleInput>): Promise<{ id: string }> {
  try {
    return await db.riskAddressRule.delete({ where: { id: input.id }, select: { id: true } });
  } catch (error) {
    if (isRecordNotFound(error)) throw new AppError("not_found", "This address rule does not exist (any more).");
    throw error;
  }
}
