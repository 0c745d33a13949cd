import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_METRICS_TOKEN, STORAGE_STATE } from "../fixtures";

// Prometheus metrics are served only to a scraper holding METRICS_TOKEN (the e2e server sets one).
// Without METRICS_TOKEN the endpoint is off: checked on a second instance of the same build,
// started here without it (no database or jobs needed for that).

test.describe("without METRICS_TOKEN", () => {
  let server: ChildProcess | undefined;
  let origin = "";
  let dataDir = "";

  test.beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "ucw-e2e-metrics-"));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      AUTH_SECRET: randomBytes(32).toString("hex"),
      UCW_JOBS_ENABLED: "false",
      UCW_DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
    };
    const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", "0", "-H", "127.0.0.1"], {
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    server = child;
    origin = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        out += chunk.toString("utf8");
        const found = /Local:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (found?.[1] && out.includes("Ready")) resolve(found[1]);
      });
      child.on("exit", (code) => reject(new Error(`next start exited with ${code}: ${out}`)));
    });
  });

  test.afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  test("the metrics endpoint is off: 404 for everyone, whatever token is sent", async ({ request }) => {
    const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${E2E_METRICS_TOKEN}` }];
    for (const headers of attempts) {
      const res = await request.get(`${origin}/api/metrics`, { headers });
      expect(res.status()).toBe(404);
      expect(res.headers()["content-type"]).toBe("application/problem+json");
      expect(await res.json()).toMatchObject({ code: "not_found", status: 404 });
    }
  });
});

test("metrics need the bearer token: none, a wrong one or another scheme is 401", async ({ request }) => {
  const attempts: Record<string, string>[] = [
    {},
    { authorization: "Bearer not-the-metrics-token" },
    { authorization: `Basic ${Buffer.from(`x:${E2E_METRICS_TOKEN}`).toString("base64")}` },
  ];
  for (const headers of attempts) {
    const res = await request.get("/api/metrics", { headers });
    expect(res.status(), JSON.stringify(headers)).toBe(401);
    expect(res.headers()["content-type"]).toBe("application/problem+json");
    expect(await res.text()).not.toContain("ucw_http_requests_total");
  }
  const ok = await request.get("/api/metrics", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
  expect(ok.status()).toBe(200);
  expect(await ok.text()).toContain("ucw_http_requests_total");
});

test.describe("as admin", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("a console session is no metrics token", async ({ request }) => {
    expect((await request.get("/api/metrics")).status()).toBe(401);
  });
});
