import { z } from "zod";

// What reaches PostgreSQL from outside must be text it can store and compare. Two things in a
// JavaScript string are not: NUL (U+0000, refused in text and jsonb) and a lone UTF-16 surrogate
// (not Unicode at all; Prisma's query compiler and jsonb refuse it). Every value parsed at the
// boundary (Client API paths, queries and bodies, console pages and actions, Cobo's webhooks and
// callbacks) is checked here first, so such a value is a 4xx naming the field, never a database
// error. The walk also bounds how deep and how large a parsed JSON value may be, so nothing
// downstream recurses into a hostile structure.

/** Deepest nesting of arrays/objects accepted in a parsed body (Cobo's events nest about 6 levels). */
export const MAX_INPUT_DEPTH = 32;
/** Most strings, numbers, keys and containers accepted in one parsed body. */
export const MAX_INPUT_NODES = 20_000;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSAFE_TEXT_MESSAGE = "must be text without NUL characters or unpaired UTF-16 surrogates";

/** True when `s` has no NUL and no unpaired surrogate: text PostgreSQL can store and compare. */
export function isSafeText(s: string): boolean {
  return !s.includes("\u0000") && !LONE_SURROGATE.test(s);
}

export type UnsafeInput = { path: string; message: string };

type Frame = { value: unknown; path: string[]; depth: number };

const joinPath = (path: readonly string[]) => path.join(".");

/**
 * The first place in a parsed value (JSON, path params, query) that must be refused: a string or
 * object key that is not safe text, a non-finite number, nesting deeper than `maxDepth`, or more
 * than `maxNodes` values. Iterative, so a hostile depth cannot overflow the stack. null: all safe.
 */
export function findUnsafeInput(value: unknown, opts: { maxDepth?: number; maxNodes?: number } = {}): UnsafeInput | null {
  const maxDepth = opts.maxDepth ?? MAX_INPUT_DEPTH;
  const maxNodes = opts.maxNodes ?? MAX_INPUT_NODES;
  const stack: Frame[] = [{ value, path: [], depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop() as Frame;
    nodes += 1;
    if (nodes > maxNodes) return { path: "", message: `must not hold more than ${maxNodes} values` };
    if (typeof v === "string") {
      if (!isSafeText(v)) return { path: joinPath(path), message: UNSAFE_TEXT_MESSAGE };
      continue;
    }
    if (typeof v === "number") {
      if (!Number.isFinite(v)) return { path: joinPath(path), message: "must be a finite number" };
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (depth >= maxDepth) return { path: joinPath(path), message: `must not be nested more than ${maxDepth} levels deep` };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i] as unknown, path: [...path, String(i)], depth: depth + 1 });
      continue;
    }
    const entries = Object.entries(v as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [string, unknown];
      if (!isSafeText(key)) return { path: joinPath([...path, "(key)"]), message: UNSAFE_TEXT_MESSAGE };
      stack.push({ value: child, path: [...path, key], depth: depth + 1 });
    }
  }
  return null;
}

/** A string schema refusing NUL and unpaired surrogates (for schemas parsed outside the boundary walk). */
export const safeString = () => z.string().refine(isSafeText, UNSAFE_TEXT_MESSAGE);
