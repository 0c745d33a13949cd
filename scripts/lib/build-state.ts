import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

// Whether the production build in .next is older than any source it was built from.

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const st = statSync(target);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".") || entry.name.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

const SOURCES = [
  "app",
  "components",
  "lib",
  "proxy.ts",
  "next.config.mjs",
  "package-lock.json",
  "prisma/schema.prisma",
  "postcss.config.mjs",
];

/** True when there is no build, or a source changed after it. */
export function buildIsStale(root = process.cwd()): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built);
}
