import nextEnv from "@next/env";

// The product's commands read `.env` (and `.env.local`, `.env.production`, …) the way Next.js does,
// before they decide anything: otherwise `npm start` would start PGlite and the sandbox while the
// `next start` child, which loads `.env` itself, runs against the DATABASE_URL and COBO_ENV there.
// Variables already in the environment win over the files, as in Next.js.

/** Loads the project's .env files into process.env (dev: the development set, else production). */
export function loadDotEnv(dev = false, dir = process.cwd()): void {
  nextEnv.loadEnvConfig(dir, dev, { info: () => {}, error: (...args: unknown[]) => console.error(...args) });
}
