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

/**
 * A raw body shown as pretty JSON when it parses, else verbatim (bad bodies are data too).
 * The original text is re-indented rather than parsed and re-serialized: JSON.parse would round
 * numbers beyond double precision (amounts!) and drop duplicate keys, so the page would no longer
 * show what Cobo actually sent.
 */
export function prettyRawBody(raw: string): { text: string; isJson: boolean } {
  try {
    JSON.parse(raw);
  } catch {
    return { text: raw, isJson: false };
  }
  return { text: reindentJson(raw), isJson: true };
}

const WHITESPACE = new Set([" ", "\n", "\r", "\t"]);

/** Re-indents valid JSON text by two spaces, copying every token (strings, numbers) verbatim. */
function reindentJson(raw: string): string {
  let out = "";
  let depth = 0;
  let inString = false;
  let escaped = false;
  const newline = () => `\n${"  ".repeat(depth)}`;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charAt(i);
    if (inString) {
      out += ch;
      if (escaped) escaped = false;
      else if (ch === "\\") escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (WHITESPACE.has(ch)) continue;
    if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === "{" || ch === "[") {
      let next = i + 1;
      while (next < raw.length && WHITESPACE.has(raw.charAt(next))) next++;
      if (raw.charAt(next) === (ch === "{" ? "}" : "]")) {
        out += ch + raw.charAt(next);
        i = next;
      } else {
        depth++;
        out += ch + newline();
      }
    } else if (ch === "}" || ch === "]") {
      depth--;
      out += newline() + ch;
    } else if (ch === ",") {
      out += `,${newline()}`;
    } else if (ch === ":") {
      out += ": ";
    } else {
      out += ch;
    }
  }
  return out;
}
