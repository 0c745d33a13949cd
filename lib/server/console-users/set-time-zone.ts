import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { isValidTimeZone } from "@/lib/domain/time-zone";

// A console user's own time zone (Settings → Your account). Empty: the browser's zone, else UTC.

export const setTimeZoneInput = z.object({
  timeZone: z
    .string()
    .trim()
    .max(64, "Unknown time zone.")
    .refine((z) => z === "" || isValidTimeZone(z), "Unknown time zone.")
    .transform((z) => (z === "" ? null : z)),
});

/** Stores the time zone the console shows this user's timestamps in (null: the browser's). */
export async function setConsoleUserTimeZone(consoleUserId: string, timeZone: string | null): Promise<{ timeZone: string | null }> {
  const row = await db.consoleUser.update({ where: { id: consoleUserId }, data: { timeZone }, select: { timeZone: true } });
  return { timeZone: row.timeZone };
}
