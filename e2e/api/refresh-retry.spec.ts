import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { HttpClient } from "../http-client";

// Refresh tokens rotate, and a spent one presented again revokes the session, except for an app
// retrying a refresh whose answer it lost (the same token again at once): it gets a fresh pair.

type Pair = { access_token: string; refresh_token: string };

const app = new HttpClient("127.0.0.51");

async function signedUp(): Promise<Pair> {
  const res = await app.send("POST", "/api/v1/auth/sign-up", {
    json: { email: `refresh-${randomBytes(4).toString("hex")}@e2e.test`, password: "an app user password" },
  });
  expect(res.status, res.text).toBe(201);
  return res.json<{ tokens: Pair }>().tokens;
}

const refresh = (token: string) => app.send("POST", "/api/v1/auth/refresh", { json: { refresh_token: token } });
const me = (access: string) => app.send("GET", "/api/v1/me", { headers: { authorization: `Bearer ${access}` } });

test("a refresh retried after its answer was lost keeps the app signed in", async () => {
  const first = await signedUp();
  const lost = await refresh(first.refresh_token);
  expect(lost.status).toBe(200);
  // the app never got that answer, and retries with the token it has
  const retry = await refresh(first.refresh_token);
  expect(retry.status).toBe(200);
  const pair = retry.json<Pair>();
  expect((await me(pair.access_token)).status).toBe(200);
  const next = await refresh(pair.refresh_token);
  expect(next.status).toBe(200);
  expect((await me(next.json<Pair>().access_token)).status).toBe(200);
});

test("the pair a retry replaced is dead, and presenting it revokes the session", async () => {
  const first = await signedUp();
  const lostPair = (await refresh(first.refresh_token)).json<Pair>();
  const pair = (await refresh(first.refresh_token)).json<Pair>();
  expect((await refresh(lostPair.refresh_token)).status).toBe(401);
  expect((await me(pair.access_token)).status).toBe(401);
  expect((await refresh(pair.refresh_token)).status).toBe(401);
});

test("a spent token replayed after its successor was used revokes the session", async () => {
  const first = await signedUp();
  const second = (await refresh(first.refresh_token)).json<Pair>();
  const third = await refresh(second.refresh_token);
  expect(third.status).toBe(200);
  expect((await refresh(first.refresh_token)).status).toBe(401);
  expect((await me(third.json<Pair>().access_token)).status).toBe(401);
});
