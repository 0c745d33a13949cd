import { expect, test } from "@playwright/test";
import { EXTERNAL_XTN, fundedWallet, readyAppUser, transferBody } from "../helpers/journey";

// A retry of a transfer (same Idempotency-Key, same body) is its replay, answered before the rate
// limits are charged: an app that retries when unsure never gets 429 for a transfer it already has.

test("replays of an Idempotency-Key are answered before the rate limit is charged, even once it is spent", async ({ request }) => {
  const user = await readyAppUser(request, "replayer");
  const wallet = await fundedWallet(request, user.token);
  // This user's own address, so other specs' transfers never share its per-IP counter.
  const headers = { ...user.auth, "x-forwarded-for": "192.0.2.77" };
  const send = (key: string, body: object) =>
    request.post(`/api/v1/wallets/${wallet.walletId}/transfers`, { headers: { ...headers, "idempotency-key": key }, data: body });

  const first = await send("the-transfer", transferBody(wallet.address));
  expect(first.status(), await first.text()).toBe(201);
  const id = ((await first.json()) as { transaction: { id: string } }).transaction.id;
  // More retries than the per-user limit (10 a minute) allows: every one is the same transfer.
  for (let i = 0; i < 12; i++) {
    const again = await send("the-transfer", transferBody(wallet.address));
    expect(again.status(), await again.text()).toBe(200);
    expect(((await again.json()) as { transaction: { id: string } }).transaction.id).toBe(id);
  }
  // The retries charged nothing: nine more new transfers fit (refused for their source address,
  // after being charged), the tenth new one is over the limit, and the replay is still answered.
  for (let i = 0; i < 9; i++) {
    const res = await send(`new-transfer-${i}`, { ...transferBody(wallet.address), from_address: EXTERNAL_XTN });
    expect(res.status()).toBe(422);
    expect(await res.json()).toMatchObject({ errors: [{ path: "body.from_address" }] });
  }
  const limited = await send("one-too-many", transferBody(wallet.address));
  expect(limited.status()).toBe(429);
  expect(await limited.json()).toMatchObject({ code: "rate_limited" });
  const replay = await send("the-transfer", transferBody(wallet.address));
  expect(replay.status()).toBe(200);
});
