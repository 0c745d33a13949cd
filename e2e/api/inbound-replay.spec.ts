import { randomUUID } from "node:crypto";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { newTestSigner } from "../../tests/helpers/cobo-signing";
import { E2E_METRICS_TOKEN, E2E_SANDBOX_SIGNING_SEED, STORAGE_STATE } from "../fixtures";

// Replay defence over HTTP against the built server (docs/cobo-assumptions.md#2-are-retries-signed-afresh): a webhook Cobo
// signed is accepted however old its Biz-Timestamp (a retry that kept the first attempt's headers),
// in milliseconds or seconds, stored once and deduplicated by its event id; a forged one is
// refused, stored nowhere, and counted with a sample on the console's Webhooks page.

const port = Number(process.env.E2E_PORT ?? 3100);
const origin = `http://127.0.0.1:${port}`;
const cobo = newTestSigner(E2E_SANDBOX_SIGNING_SEED);
const forger = newTestSigner();
const runId = randomUUID().slice(0, 8);
const type = `e2e.replay.${runId}`;

async function post(body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const res = await fetch(`${origin}/api/webhooks/cobo`, { method: "POST", body, headers });
  return { status: res.status, text: await res.text() };
}

/** ucw_webhooks_total for this run's event type (stored, duplicate) or for refusals (type "unknown"), by result. */
async function webhookCounts(forType: string): Promise<Record<string, number>> {
  const res = await fetch(`${origin}/api/metrics`, { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  const text = await res.text();
  const counts: Record<string, number> = {};
  for (const m of text.matchAll(/^ucw_webhooks_total\{([^}]*)\} (\d+)/gm)) {
    const labels = m[1] ?? "";
    if (!labels.includes(`type="${forType}"`)) continue;
    counts[/result="([^"]*)"/.exec(labels)?.[1] ?? ""] = Number(m[2]);
  }
  return counts;
}

let admin: APIRequestContext | undefined;
async function consolePage(path: string): Promise<string> {
  admin ??= await playwrightRequest.newContext({ baseURL: origin, storageState: STORAGE_STATE.admin });
  const res = await admin.get(path);
  expect(res.status()).toBe(200);
  return res.text();
}

test.describe("Cobo webhook replays", () => {
  test("a correctly signed retry with a days-old timestamp is accepted once and deduplicated, in ms and in s", async () => {
    const eventId = `e2e-replay-${runId}`;
    const body = JSON.stringify({
      event_id: eventId,
      type,
      created_timestamp: Date.now() - 3 * 86_400_000,
      url: `${origin}/api/webhooks/cobo`,
      data: { data_type: "Something" },
    });
    const threeDaysAgo = Date.now() - 3 * 86_400_000;
    const first = await post(body, cobo.headers(body, threeDaysAgo));
    expect(first).toEqual({ status: 200, text: "ok" });
    const again = await post(body, cobo.headers(body, threeDaysAgo));
    expect(again).toEqual({ status: 200, text: "ok" });
    const inSeconds = await post(body, cobo.headers(body, Math.floor(threeDaysAgo / 1000)));
    expect(inSeconds).toEqual({ status: 200, text: "ok" });
    const counts = await webhookCounts(type);
    expect({ stored: counts.stored, duplicate: counts.duplicate }).toEqual({ stored: 1, duplicate: 2 });
    // The inbox holds it once.
    const html = await consolePage(`/webhooks?q=${encodeURIComponent(eventId)}`);
    expect(html).not.toContain("No events match these filters");
    expect(html.split(`/webhooks/`).length).toBeGreaterThan(1);
  });

  test("a forged delivery is refused, stored nowhere, and counted with a sample on the Webhooks page", async () => {
    const eventId = `e2e-forged-${runId}`;
    const body = JSON.stringify({ event_id: eventId, type, created_timestamp: Date.now(), data: { data_type: "Something" } });
    const before = (await webhookCounts("unknown")).bad_signature ?? 0;
    const refused = await post(body, forger.headers(body));
    expect(refused).toEqual({ status: 401, text: "invalid signature" });
    // Signed by Cobo's key over another timestamp than the one sent: refused too.
    const replayedHeaders = { ...cobo.headers(body, Date.now() - 60_000), "biz-timestamp": String(Date.now()) };
    expect(await post(body, replayedHeaders)).toEqual({ status: 401, text: "invalid signature" });
    expect((await webhookCounts("unknown")).bad_signature ?? 0).toBe(before + 2);
    expect(await consolePage(`/webhooks?q=${encodeURIComponent(eventId)}`)).toContain("No events match these filters");
    const page = await consolePage("/webhooks");
    expect(page).toContain("Refused webhook deliveries");
    expect(page).toContain("Signature does not verify");
    expect(page).toContain(eventId);
  });
});
