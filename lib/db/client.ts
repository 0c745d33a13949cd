import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv, requireEnv } from "@/lib/env";
import { processSlot } from "@/lib/process-state";

// One Prisma client per process (a process-state slot: every route's copy of this module shares it).
// Prisma runs with its JS query compiler over the `pg` driver: no native engine binary.

type Db = InstanceType<typeof PrismaClient>;

/** Builds a client for an explicit connection URL (scripts and tests use this). */
export function createDb(connectionString: string, poolSize = 10): Db {
  const adapter = new PrismaPg({ connectionString, max: poolSize });
  return new PrismaClient({ adapter });
}

/** The process's Prisma client slot (tests point it at their own database with `dbSlot.set`). */
export const dbSlot = processSlot("db", () => createDb(requireEnv("DATABASE_URL"), getEnv().DATABASE_POOL_SIZE), { envDerived: true });

function getDb(): Db {
  return dbSlot.get();
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
