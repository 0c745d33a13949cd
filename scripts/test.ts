import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { buildIsStale } from "./lib/build-state";

// `npm test`: the whole suite, on a fresh machine after `npm ci`. Installs Debian's Chromium for
// Playwright when it is missing (never a browser download), then runs type checking, the format
// check (Prettier), lint, the Vitest projects (unit, integration against a real database and the
// sandbox, sandbox), the production build and the Playwright api/ui tests. Databases: PGlite by default; PostgreSQL for
// every database test when DATABASE_URL is set.

type Step = { name: string; cmd: string; args: string[]; env?: NodeJS.ProcessEnv };

function run(step: Step): Promise<number> {
  return new Promise((resolve) => {
    console.log(`\n▶ ${step.name}`);
    const child = spawn(step.cmd, step.args, { stdio: "inherit", env: step.env ?? process.env });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function ensureChromium(): Promise<void> {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(path)) return;
  if (process.getuid?.() !== 0)
    throw new Error(`Chromium is missing at ${path}: install Debian's package (sudo apt-get install -y chromium) or set CHROMIUM_PATH`);
  console.log("Installing Debian's chromium for Playwright…");
  if ((await run({ name: "apt-get update", cmd: "apt-get", args: ["update", "-qq"] })) !== 0) throw new Error("apt-get update failed");
  const code = await run({
    name: "apt-get install chromium",
    cmd: "apt-get",
    args: ["install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-liberation"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (code !== 0 || !existsSync(path)) throw new Error("could not install chromium");
}

async function main() {
  const only = process.argv.slice(2);
  const node = process.execPath;
  const bin = (p: string) => `node_modules/${p}`;
  const db = process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "PGlite";
  console.log(`UCW Console test suite — database: ${db}, Node.js ${process.version}`);

  if (!existsSync("lib/generated/prisma/client.ts")) {
    if ((await run({ name: "prisma generate", cmd: node, args: ["scripts/prisma-generate.mjs"] })) !== 0) process.exit(1);
  }
  await ensureChromium();

  const steps: (Step & { key: string })[] = [
    { key: "typecheck", name: "type check (tsc)", cmd: node, args: [bin("typescript/bin/tsc"), "--noEmit", "-p", "tsconfig.json"] },
    { key: "format", name: "format check (prettier)", cmd: node, args: [bin("prettier/bin/prettier.cjs"), "--check", "."] },
    { key: "lint", name: "lint (eslint)", cmd: node, args: [bin("eslint/bin/eslint.js"), "."] },
    { key: "vitest", name: "vitest: unit, integration, sandbox", cmd: node, args: [bin("vitest/vitest.mjs"), "run"] },
    { key: "build", name: "next build", cmd: node, args: [bin("next/dist/bin/next"), "build"] },
    { key: "e2e", name: "playwright: api and ui", cmd: node, args: [bin("@playwright/test/cli.js"), "test"] },
  ];
  const failed: string[] = [];
  let ran = 0;
  for (const step of steps) {
    if (only.length > 0 && !only.includes(step.key)) continue;
    if (step.key === "build" && !buildIsStale()) {
      console.log("\n▶ next build: up to date");
      continue;
    }
    ran++;
    const code = await run(step);
    if (code !== 0) {
      failed.push(step.name);
      if (step.key === "build") break; // nothing to run the browser tests against
    }
  }
  console.log(`\nsteps: ${ran - failed.length} passed, ${failed.length} failed${failed.length ? ` (${failed.join("; ")})` : ""}`);
  process.exit(failed.length ? 1 : 0);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
