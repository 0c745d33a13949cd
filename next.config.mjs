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

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: false,
  serverExternalPackages: ["@node-rs/argon2", "pino", "pg", "pg-boss", "@cobo/cobo-waas2", "@electric-sql/pglite", "prom-client"],
  experimental: { authInterrupts: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
