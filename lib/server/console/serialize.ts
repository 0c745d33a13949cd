import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

// Everything the console hands to React crosses the server/client boundary as plain strings:
// Decimal and Date are classes (not serializable to client components) and a JS number would
// silently lose precision on 30-decimal amounts.

/** A Prisma Decimal in plain notation ("0.00000001", never "1e-8"); money stays a string. */
export function decimalString(value: Prisma.Decimal): string {
  return value.toFixed();
}

export function decimalStringOrNull(value: Prisma.Decimal | null): string | null {
  return value === null ? null : decimalString(value);
}

/** ISO-8601 in UTC; the UI formats it without consulting the viewer's time zone. */
export function isoString(value: Date): string {
  return value.toISOString();
}

export function isoStringOrNull(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}

/** Pretty JSON for display; JSON columns can hold any shape Cobo sent, so the UI only shows text. */
export function prettyJson(value: Prisma.JsonValue | null): string | null {
  if (value === null) return null;
  return JSON.stringify(value, null, 2);
}

/** A raw body shown as pretty JSON when it parses, else verbatim (bad bodies are data too). */
export function prettyRawBody(raw: string): { text: string; isJson: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(raw) as unknown, null, 2), isJson: true };
  } catch {
    return { text: raw, isJson: false };
  }
}
