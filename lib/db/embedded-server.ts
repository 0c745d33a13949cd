import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { serializeProtocolSequences } from "./pglite-serial-queue";

// The embedded default database: PGlite (PostgreSQL compiled to WASM), file-backed under the data
// folder, served on a loopback port so the app talks to it through the same `pg` driver it uses
// for a real PostgreSQL. Used by the run command when DATABASE_URL is unset, and by the tests.

export type EmbeddedDatabase = {
  url: string;
  port: number;
  stop(): Promise<void>;
};

/** Starts PGlite on `dataDir` ("memory://" for a throw-away database) and serves it on 127.0.0.1. */
export async function startEmbeddedDatabase(opts: { dataDir: string; port?: number; maxConnections?: number }): Promise<EmbeddedDatabase> {
  if (opts.dataDir !== "memory://") await mkdir(opts.dataDir, { recursive: true });
  // pg_trgm backs the console's substring search (trigram GIN indexes), as on PostgreSQL.
  const pglite = await PGlite.create(opts.dataDir, { extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({
    db: pglite,
    host: "127.0.0.1",
    port: opts.port ?? 0,
    maxConnections: opts.maxConnections ?? 32,
  });
  serializeProtocolSequences((server as unknown as { queryQueue: unknown }).queryQueue);
  const address = new Promise<number>((resolve) => {
    server.addEventListener("listening", (event) => {
      const detail = (event as CustomEvent<{ port?: number }>).detail;
      resolve(detail.port ?? opts.port ?? 0);
    });
  });
  await server.start();
  const port = await address;
  let stopping: Promise<void> | undefined;
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    // Idempotent: shutdown paths (signals, a child's exit) may both call it.
    stop() {
      stopping ??= (async () => {
        await server.stop();
        await pglite.close();
      })();
      return stopping;
    },
  };
}
