import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { parseEnv, EnvError } from "../lib/env";
import { buildIsStale } from "./lib/build-state";
import { prepareRuntime } from "./lib/runtime";
import { loadDotEnv } from "./lib/load-dotenv";
import { waitForHttp } from "./lib/wait-for-http";
import { seedDemo, type DemoCredentials } from "./lib/seed-demo";

// `npm start` (or `npm run dev` for next dev with hot reload): runs the product on its embedded defaults. Starts PGlite when DATABASE_URL is unset,
// applies migrations, seeds the demo console users, starts the Cobo sandbox when COBO_ENV=sandbox,
// builds the app when its sources changed, and serves it. Ctrl-C stops everything.

const children: ChildProcess[] = [];
let stopping = false;

function run(cmd: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: env as NodeJS.ProcessEnv, stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}`))));
  });
}

function startChild(name: string, cmd: string, args: string[], env: Record<string, string>, onExit: (code: number | null) => void) {
  const child = spawn(cmd, args, { env: env as NodeJS.ProcessEnv, stdio: "inherit" });
  child.on("exit", (code) => {
    if (!stopping) console.error(`${name} exited (${code ?? "signal"})`);
    onExit(code);
  });
  children.push(child);
  return child;
}

async function main() {
  const dev = process.argv.includes("--dev");
  loadDotEnv(dev);
  const runtime = await prepareRuntime(process.env, { migrateDb: true });
  const env = runtime.env;
  env.NODE_ENV = dev ? "development" : "production";
  let parsed;
  try {
    parsed = parseEnv(env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const c of children) c.kill("SIGTERM");
    await runtime.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  // Demo console users only where nothing real is at stake (the sandbox); against Cobo dev or prod
  // the first admin is created with `npm run console-user`.
  const creds: DemoCredentials | null = parsed.COBO_ENV === "sandbox" ? await seedDemo(runtime.databaseUrl, env.UCW_DATA_DIR!) : null;

  if (parsed.COBO_ENV === "sandbox") {
    const appOrigin = `http://127.0.0.1:${parsed.PORT}`;
    const sandboxEnv = {
      ...env,
      COBO_SANDBOX_PORT: String(parsed.COBO_SANDBOX_PORT),
      SANDBOX_WEBHOOK_URL: env.SANDBOX_WEBHOOK_URL ?? `${appOrigin}/api/webhooks/cobo`,
      SANDBOX_CALLBACK_URL: env.SANDBOX_CALLBACK_URL ?? `${appOrigin}/api/callbacks/cobo`,
    };
    startChild(
      "Cobo sandbox",
      process.execPath,
      ["--import", "tsx", "sandbox/src/main.ts"],
      sandboxEnv,
      (code) => void shutdown(code ?? 1),
    );
    await waitForHttp(`http://127.0.0.1:${parsed.COBO_SANDBOX_PORT}/_sandbox/info`, "The Cobo sandbox");
  }

  if (!dev && buildIsStale()) {
    console.log("Building the console (first start or sources changed)…");
    await run(process.execPath, ["node_modules/next/dist/bin/next", "build"], env);
  }
  const nextArgs = dev ? ["dev", "-p", String(parsed.PORT)] : ["start", "-p", String(parsed.PORT)];
  startChild("Next.js", process.execPath, ["node_modules/next/dist/bin/next", ...nextArgs], env, (code) => void shutdown(code ?? 1));
  await waitForHttp(`http://127.0.0.1:${parsed.PORT}/api/health`, "The console");

  console.log(
    [
      "",
      `UCW Console is running at ${parsed.APP_URL}`,
      `  database: ${parsed.DATABASE_KIND === "pglite" ? `embedded PGlite in ${path.join(env.UCW_DATA_DIR!, "pglite")}` : "PostgreSQL (DATABASE_URL)"}`,
      `  Cobo:     ${parsed.COBO_ENV} at ${parsed.COBO_BASE_URL}`,
      ...(creds
        ? [
            `  demo sign-in (admin):   ${creds.admin.email} / ${creds.admin.password}`,
            `  demo sign-in (support): ${creds.support.email} / ${creds.support.password}`,
          ]
        : ["  console users: create the first admin with `npm run console-user -- create --email you@company.com --role admin`"]),
      "Press Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.message : error);
  for (const c of children) c.kill("SIGTERM");
  process.exit(1);
});
