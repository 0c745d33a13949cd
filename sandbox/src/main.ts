import { rm } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { assertSandboxMode } from "./config.js";
import { startSandbox } from "./server.js";
import { StateStore } from "./state/store.js";

// `npm run sandbox` — starts the Cobo sandbox alone (the product's run command
// starts it too when COBO_ENV=sandbox). `npm run sandbox -- --reset` wipes the
// state before starting; `npm run sandbox -- reset [--devices]` wipes and exits.

const envSchema = z.object({
  COBO_ENV: z.string().optional(),
  COBO_SANDBOX_PORT: z
    .string()
    .regex(/^\d+$/, "must be a port number")
    .transform(Number)
    .pipe(z.number().int().min(0).max(65535))
    .optional(),
  UCW_DATA_DIR: z.string().min(1).optional(),
  COBO_API_SECRET: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "must be a 32-byte hex Ed25519 seed")
    .optional()
    .or(z.literal("")),
  SANDBOX_WEBHOOK_URL: z.string().optional(),
  SANDBOX_CALLBACK_URL: z.string().optional(),
  SANDBOX_TICK_MS: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(5)).optional(),
  SANDBOX_RETRY_BASE_MS: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1)).optional(),
  /** Attempts of a risk-control callback before its message is Failed (Cobo: 30). */
  SANDBOX_CALLBACK_MAX_ATTEMPTS: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(30)).optional(),
});

function fail(message: string): never {
  console.error(`sandbox: ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  const args = (() => {
    try {
      return parseArgs({
        options: { reset: { type: "boolean" }, devices: { type: "boolean" }, help: { type: "boolean", short: "h" } },
        allowPositionals: true,
      });
    } catch (err) {
      return fail(err instanceof Error ? err.message : String(err));
    }
  })();
  if (args.values.help) {
    console.log("usage: npm run sandbox [-- --reset] | npm run sandbox -- reset [--devices]");
    return;
  }
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(`invalid environment: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "unknown error"}`);
  }
  const env = parsed.data;
  try {
    assertSandboxMode(process.env);
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  const dataDir = path.resolve(env.UCW_DATA_DIR ?? ".data");
  const command = args.positionals[0] ?? "start";
  if (command !== "start" && command !== "reset") fail(`unknown command "${command}" (expected start or reset)`);

  if (command === "reset" || args.values.reset) {
    await StateStore.remove(path.join(dataDir, "sandbox"));
    if (args.values.devices) await rm(path.join(dataDir, "sandbox-devices"), { recursive: true, force: true });
    if (command === "reset") {
      console.log(`sandbox state in ${path.join(dataDir, "sandbox")} reset`);
      return;
    }
  }

  const sandbox = await startSandbox({
    port: env.COBO_SANDBOX_PORT ?? 4010,
    dataDir,
    apiSecret: env.COBO_API_SECRET || undefined,
    webhookUrl: env.SANDBOX_WEBHOOK_URL,
    callbackUrl: env.SANDBOX_CALLBACK_URL,
    tickMs: env.SANDBOX_TICK_MS,
    retryBaseMs: env.SANDBOX_RETRY_BASE_MS,
    callbackMaxAttempts: env.SANDBOX_CALLBACK_MAX_ATTEMPTS,
  });
  console.log(`Cobo sandbox listening on ${sandbox.url}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void sandbox.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
