import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
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

/** Stores `value` under `key`, replacing what was there (settings an admin edits; values re-checked over time). */
export async function writeSetting<T extends Prisma.InputJsonValue>(key: string, value: T): Promise<void> {
  await db.systemSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

/**
 * Sets some fields of an object setting in one statement, so two admins changing different fields
 * at once both keep their change: the stored object's fields over `initial` (what the setting is
 * when never stored), then `patch` over both. Answers the stored object.
 */
export async function patchObjectSetting(
  key: string,
  initial: Prisma.InputJsonObject,
  patch: Prisma.InputJsonObject,
): Promise<Record<string, unknown>> {
  const rows = await db.$queryRaw<{ value: Record<string, unknown> }[]>`
    INSERT INTO system_settings (key, value, updated_at)
    VALUES (${key}, ${JSON.stringify({ ...initial, ...patch })}::jsonb, now())
    ON CONFLICT (key) DO UPDATE
      SET value = ${JSON.stringify(initial)}::jsonb
                  || CASE WHEN jsonb_typeof(system_settings.value) = 'object' THEN system_settings.value ELSE '{}'::jsonb END
                  || ${JSON.stringify(patch)}::jsonb,
          updated_at = now()
    RETURNING value`;
  return rows[0]?.value ?? { ...initial, ...patch };
}
