import { createServer } from "node:http";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as me } from "@/app/api/v1/me/route";
import { POST as registerNode } from "@/app/api/v1/tss-nodes/route";
import { call, setupAppHarness } from "../helpers/app-harness";
import { resetEnvCache } from "../../lib/env";

// Companies with their own accounts: the Client API accepts access tokens of their identity
// provider, verified against its JWKS (served here by a local HTTP server), and creates the app
// user on first sight.

const ISSUER = "https://id.example.test/";
const AUDIENCE = "ucw-client-api-test";
let jwksUrl = "";
let jwk: JWK;
let privateKey: CryptoKey;
let otherKey: CryptoKey;

const server = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
});

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  privateKey = pair.privateKey;
  otherKey = (await generateKeyPair("RS256")).privateKey;
  jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  jwksUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks.json`;
  process.env.APP_OIDC_JWKS_URL = jwksUrl;
  resetEnvCache();
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const app = setupAppHarness({
  env: { APP_OIDC_ISSUER: ISSUER, APP_OIDC_AUDIENCE: AUDIENCE, APP_OIDC_JWKS_URL: "http://127.0.0.1:9/placeholder" },
});

function token(claims: Record<string, unknown>, opts: { key?: CryptoKey; audience?: string; issuer?: string; exp?: string | number } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: "k1" })
    .setIssuer(opts.issuer ?? ISSUER)
    .setAudience(opts.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? "5m")
    .sign(opts.key ?? privateKey);
}

describe("tokens of the company's identity provider", () => {
  it("creates the app user on first sight and finds the same user afterwards", async () => {
    process.env.APP_OIDC_JWKS_URL = jwksUrl;
    resetEnvCache();
    const t = await token({ sub: "user-42", email: "Carol@Example.com", email_verified: true });
    const first = await call(me, { path: "/api/v1/me", token: t });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ email: "carol@example.com", vault_id: null });
    const again = await call(me, { path: "/api/v1/me", token: await token({ sub: "user-42", email: "carol@example.com" }) });
    expect((again.body as { id: string }).id).toBe((first.body as { id: string }).id);
    const row = await app.db.user.findUniqueOrThrow({ where: { email: "carol@example.com" } });
    expect(row).toMatchObject({ externalSubject: `${ISSUER}|user-42`, passwordHash: null });
    // and the token works on the other endpoints, scoped to that user
    const node = await call(registerNode, { path: "/api/v1/tss-nodes", token: t, body: { tss_node_id: "coboNodeExternal01" } });
    expect(node.status).toBe(201);
  });

  it("refuses tokens with the wrong audience, issuer, key or expiry, or without a verified email", async () => {
    process.env.APP_OIDC_JWKS_URL = jwksUrl;
    resetEnvCache();
    const before = await app.db.user.count();
    const bad = [
      await token({ sub: "x1", email: "x1@example.com" }, { audience: "someone-else" }),
      await token({ sub: "x2", email: "x2@example.com" }, { issuer: "https://evil.example/" }),
      await token({ sub: "x3", email: "x3@example.com" }, { key: otherKey }),
      await token({ sub: "x4", email: "x4@example.com" }, { exp: Math.floor(Date.now() / 1000) - 60 }),
      await token({ sub: "x5", email: "x5@example.com", email_verified: false }),
      await token({ sub: "x6" }),
    ];
    for (const t of bad) expect((await call(me, { path: "/api/v1/me", token: t })).status).toBe(401);
    expect(await app.db.user.count()).toBe(before);
  });
});
