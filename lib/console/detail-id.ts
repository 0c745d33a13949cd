import "server-only";
import { z } from "zod";
import { safeString } from "@/lib/safe-input";

// Support staff are handed ids from everywhere: our console links carry our own row ids, while an
// app user or Cobo Portal quotes Cobo's ids (and our request ids). Detail pages take any of them.
// Our ids are UUID columns, so only a UUID is ever compared with them.

const idText = safeString().trim().min(1).max(128);

/** The `OR` branches matching `raw` against our UUID key and the given text keys; null for no usable id. */
export function anyIdWhere<K extends string>(raw: unknown, textKeys: readonly K[]): ({ id: string } | Record<K, string>)[] | null {
  const parsed = idText.safeParse(raw);
  if (!parsed.success) return null;
  const value = parsed.data;
  const text = textKeys.map((k) => ({ [k]: value }) as Record<K, string>);
  return z.guid().safeParse(value).success ? [{ id: value.toLowerCase() }, ...text] : text;
}
