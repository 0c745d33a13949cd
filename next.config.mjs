// @ts-check
import { tsImport } from "tsx/esm/api";

// Validate the environment at build and start: a wrong or missing variable stops here with a
// message naming it (lib/env.ts is TypeScript, so it is loaded through tsx).
const { getEnv, EnvError } = await tsImport("./lib/env.ts", import.meta.url);
try {
  getEnv();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const SERVER_ACTION_MAX_BODY_BYTES = 1024 * 1024;

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: false,
  serverExternalPackages: ["@node-rs/argon2", "pino", "pg", "pg-boss", "@cobo/cobo-waas2", "@electric-sql/pglite", "prom-client"],
  experimental: {
    // Server actions' bodies (console forms, a few kilobytes) are refused past 1 MB while read.
    serverActions: { bodySizeLimit: SERVER_ACTION_MAX_BODY_BYTES },
    // Next.js buffers a body for the proxy (proxy.ts), which runs before pages and so before their
    // server actions, and hands on only this much: one byte past the server actions' limit, so an
    // oversized action is still refused (413) and never more than that is held. API requests with
    // a body skip the proxy and are read by their routes within their own limits.
    proxyClientMaxBodySize: SERVER_ACTION_MAX_BODY_BYTES + 1,
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
