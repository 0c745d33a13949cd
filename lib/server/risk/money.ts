import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

// Amounts are Decimal(65, 30) in the database. Prisma's Decimal rounds arithmetic to 20
// significant digits, so sums are done with a clone carrying enough precision for 65-digit values
// added many times over; comparisons are exact either way. JS numbers never touch money here.

/** Decimal constructor for money arithmetic (precision well above numeric(65, 30)). */
export const Money = Prisma.Decimal.clone({ precision: 120 });
export type Money = InstanceType<typeof Money>;

/** A plain non-negative decimal string as Cobo and our API write amounts ("1.5", "0.000001"). */
export const DECIMAL_AMOUNT = /^\d{1,40}(\.\d{1,40})?$/;

/** Converts a stored Decimal (or a decimal string) without going through a float. */
export function toMoney(value: Prisma.Decimal | string): Money {
  return new Money(typeof value === "string" ? value : value.toFixed());
}

/** Exact sum of amounts. */
export function sumMoney(values: readonly Money[]): Money {
  return values.reduce((acc, v) => acc.plus(v), new Money(0));
}
