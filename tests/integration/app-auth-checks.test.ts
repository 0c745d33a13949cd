import { randomBytes } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { resolveBearer } from "@/lib/server/app-users/resolve-bearer";
import { openSession, refreshSession, revokeSession, SESSION_CHECK_TTL_MS } from "@/lib/server/app-users/sessions";
import { setupTestDatabase } from "../helpers/db";

// The bearer check keeps what it learnt briefly: a verified access token until it expires, a
// session's state for SESSION_CHECK_TTL_MS. Revocation still takes effect: at once on the instance
// that revokes, within the bound on another (simulated by revoking in the database directly).
// Time is frozen and moved by hand (Date only), so nothing here depends on how fast it runs.

const t = setupTestDatabase();
beforeAll(() => {
  process.env.AUTH_SECRET = randomBytes(32).toString("hex");
  resetEnvCache();
});
afterEach(() => {
  vi.useRealTimers();
});

let n = 0;
async function signedIn() {
  const user = await t.current.db.user.create({ data: { email: `bearer-${++n}@example.com` } });
  const pair = await openSession(user.id, "test");
  const session = await t.current.db.appSession.findFirstOrThrow({ where: { userId: user.id }, select: { id: true } });
  return { userId: user.id, sessionId: session.id, header: `Bearer ${pair.access_token}`, refresh: pair.refresh_token };
}

const refusal = (header: string) =>
  resolveBearer(header).then(
    () => "accepted",
    (error: unknown) => (error as Error).message,
  );

describe("bearer checks", () => {
  it("a session revoked by another instance is refused once the bound has passed", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const u = await signedIn();
    expect(await resolveBearer(u.header)).toEqual({ userId: u.userId, sessionId: u.sessionId });
    // another instance signs the session out: this one still trusts its reading, for at most the bound
    await t.current.db.appSession.update({ where: { id: u.sessionId }, data: { revokedAt: new Date() } });
    expect(await refusal(u.header)).toBe("accepted");
    vi.setSystemTime(Date.now() + SESSION_CHECK_TTL_MS);
    expect(await refusal(u.header)).toBe("The session was signed out. Sign in again.");
  });

  it("sign-out on this instance refuses the token at once, though the session was read a moment before", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const u = await signedIn();
    expect(await refusal(u.header)).toBe("accepted");
    await revokeSession(u.sessionId, u.userId);
    expect(await refusal(u.header)).toBe("The session was signed out. Sign in again.");
  });

  it("a refresh token replayed after rotation revokes the session, and its access tokens are refused at once", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const u = await signedIn();
    const first = await refreshSession(u.refresh);
    const second = await refreshSession(first.refresh_token);
    expect(await refusal(`Bearer ${second.access_token}`)).toBe("accepted");
    // the first refresh token again, after its successor was used: a stolen copy; the session ends
    await expect(refreshSession(u.refresh)).rejects.toThrow("The refresh token is invalid or expired. Sign in again.");
    expect(await refusal(`Bearer ${second.access_token}`)).toBe("The session was signed out. Sign in again.");
  });

  it("a token verified before is still refused once it has expired", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const u = await signedIn();
    expect(await refusal(u.header)).toBe("accepted");
    vi.setSystemTime(Date.now() + 15 * 60_000 + 1_000);
    expect(await refusal(u.header)).toBe("The access token has expired. Refresh it.");
  });

  it("a token whose signature does not verify is refused however often a valid one was seen", async () => {
    const u = await signedIn();
    expect(await refusal(u.header)).toBe("accepted");
    const [head, payload, sig] = u.header.slice("Bearer ".length).split(".");
    const forged = `Bearer ${head}.${payload}.${sig!.slice(0, -4)}AAAA`;
    expect(await refusal(forged)).toBe("The access token is invalid.");
  });
});
