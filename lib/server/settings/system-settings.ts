import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";

// Values learnt at run time and shared by every instance. `remember` keeps the first value written
// (insert-if-absent), so two instances that learn a value at once agree on one of them.

/** Reads a setting, or undefined. */
export async function readSetting<T extends Prisma.InputJsonValue>(key: string): Promise<T | undefined> {
  const row = await db.systemSetting.findUnique({ where: { key }, select: { value: true } });
  return row ? (row.value as T) : undefined;
}

/** Stores `value` unless the key already has one; returns the value that won. */
export async function rememberSetting<T extends Prisma.InputJsonValue>(key: string, value: T): Promise<T> {
  await db.systemSetting.createMany({ data: [{ key, value }], skipDuplicates: true });
  return (await readSetting<T>(key)) ?? value;
}
