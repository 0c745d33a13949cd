import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv, requireEnv } from "@/lib/env";

// One Prisma client per process (Next.js dev reloads modules, so it lives on globalThis).
// Prisma runs with its JS query compiler over the `pg` driver: no native engine binary.

type Db = InstanceType<typeof PrismaClient>;

const globalForDb = globalThis as unknown as { __ucwDb?: Db };

/** Builds a client for an explicit connection URL (scripts and tests use this). */
export function createDb(connectionString: string, poolSize = 10): Db {
  const adapter = new PrismaPg({ connectionString, max: poolSize });
  return new PrismaClient({ adapter });
}

function getDb(): Db {
  globalForDb.__ucwDb ??= createDb(requireEnv("DATABASE_URL"), getEnv().DATABASE_POOL_SIZE);
  return globalForDb.__ucwDb;
}

/** The process-wide Prisma client; created on first use so imports never need a database. */
export const db: Db = new Proxy({} as Db, {
  get: (_target, prop) => {
    const client = getDb();
    const value = Reflect.get(client, prop, client) as unknown;
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});

export type { Db };
