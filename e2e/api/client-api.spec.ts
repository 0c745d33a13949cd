import { expect, test, type APIRequestContext } from "@playwright/test";

// The Client API over real HTTP against the production build: bearer auth, exact problem bodies,
// and one user's ids being "not found" for another.

async function signUp(request: APIRequestContext, name: string): Promise<string> {
  const res = await request.post("/api/v1/auth/sign-up", {
    data: { email: `${name}-${Date.now()}@e2e.test`, password: `${name} long password` },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { tokens: { access_token: string } }).tokens.access_token;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

test("a TSS request is its owner's alone; bad input is a 422 problem naming the field", async ({ request }) => {
  const alice = await signUp(request, "alice");
  const mallory = await signUp(request, "mallory");

  const invalid = await request.post("/api/v1/tss-nodes", { headers: bearer(alice), data: { tss_node_id: "" } });
  expect(invalid.status()).toBe(422);
  expect(invalid.headers()["content-type"]).toBe("application/problem+json");
  expect(await invalid.json()).toMatchObject({
    code: "invalid_input",
    status: 422,
    errors: [expect.objectContaining({ path: "body.tss_node_id" })],
  });

  const node = `coboNodeE2eAlice${Date.now()}`;
  expect((await request.post("/api/v1/tss-nodes", { headers: bearer(alice), data: { tss_node_id: node } })).status()).toBe(201);
  expect((await request.post("/api/v1/vault", { headers: bearer(alice) })).status()).toBe(201);
  const group = await request.post("/api/v1/vault/main-group", { headers: bearer(alice), data: { tss_node_id: node } });
  expect(group.status()).toBe(201);
  const { tss_request_id } = (await group.json()) as { tss_request_id: string };

  const own = await request.get(`/api/v1/tss-requests/${tss_request_id}`, { headers: bearer(alice) });
  expect(own.status()).toBe(200);
  expect(await own.json()).toMatchObject({ tss_request_id, type: "KeyGen" });

  const stolen = await request.get(`/api/v1/tss-requests/${tss_request_id}`, { headers: bearer(mallory) });
  expect(stolen.status()).toBe(404);
  expect(await stolen.json()).toMatchObject({ code: "not_found", status: 404 });
  // Mallory cannot claim Alice's device either.
  const claimed = await request.post("/api/v1/tss-nodes", { headers: bearer(mallory), data: { tss_node_id: node } });
  expect(claimed.status()).toBe(409);
  expect(await claimed.json()).toMatchObject({ code: "conflict", detail: "This TSS node id is registered to another account." });

  const noToken = await request.get("/api/v1/tss-requests");
  expect(noToken.status()).toBe(401);
  expect(await noToken.json()).toMatchObject({
    code: "unauthenticated",
    detail: "Send an access token as `Authorization: Bearer <token>`.",
  });
});

test("a method a Client API path does not serve is a 405 problem naming the ones it does", async ({ request }) => {
  const res = await request.delete("/api/v1/vault");
  expect(res.status()).toBe(405);
  expect(res.headers()["content-type"]).toBe("application/problem+json");
  expect(res.headers()["allow"]).toBe("GET, HEAD, POST, OPTIONS");
  expect(await res.json()).toMatchObject({
    code: "method_not_allowed",
    status: 405,
    detail: "This endpoint answers GET, HEAD, POST, OPTIONS.",
  });
  const signIn = await request.get("/api/v1/auth/sign-in");
  expect(signIn.status()).toBe(405);
  expect(signIn.headers()["allow"]).toBe("POST, OPTIONS");
});
