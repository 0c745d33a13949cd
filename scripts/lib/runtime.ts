import path from "node:path";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../../lib/db/embedded-server";
import { migrate } from "../../lib/db/migrate";
import { ensureLocalSecret } from "./local-secrets";

// Prepares the process environment for the app on its embedded defaults: data folder, generated
// secrets, the PGlite database when DATABASE_URL is unset, and migrations. Shared by the run
// command, the admin command and the test harness, so they all see the same configuration.

export type Runtime = {
  env: Record<string, string>;
  databaseUrl: string;
  embedded?: EmbeddedDatabase;
  stop(): Promise<void>;
};

/** Fills defaults into a copy of `base` and starts what is missing; `migrateDb` applies migrations. */
export async function prepareRuntime(base: NodeJS.ProcessEnv, opts: { migrateDb?: boolean; pglitePort?: number } = {}): Promise<Runtime> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v;
  const dataDir = path.resolve(env.UCW_DATA_DIR ?? ".data");
  env.UCW_DATA_DIR = dataDir;

  if (!env.AUTH_SECRET) env.AUTH_SECRET = await ensureLocalSecret(dataDir, "auth-secret");
  // next-auth reads its own variable for the public URL of the console.
  env.APP_URL ??= `http://localhost:${env.PORT ?? 3000}`;
  env.NEXTAUTH_URL ??= env.APP_URL;
  const coboEnv = env.COBO_ENV || "sandbox";
  if (coboEnv === "sandbox" && !env.COBO_API_SECRET) env.COBO_API_SECRET = await ensureLocalSecret(dataDir, "cobo-api-secret");

  let embedded: EmbeddedDatabase | undefined;
  if (!env.DATABASE_URL) {
    const port = opts.pglitePort ?? Number(env.PGLITE_PORT ?? 54329);
    embedded = await startEmbeddedDatabase({ dataDir: path.join(dataDir, "pglite"), port });
    env.DATABASE_URL = embedded.url;
    env.UCW_DATABASE_KIND = "pglite";
  } else {
    env.UCW_DATABASE_KIND ??= "postgres";
  }
  if (opts.migrateDb) await migrate(env.DATABASE_URL);

  return {
    env,
    databaseUrl: env.DATABASE_URL,
    embedded,
    async stop() {
      await embedded?.stop();
    },
  };
}
