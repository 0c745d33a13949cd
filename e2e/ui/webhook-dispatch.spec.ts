import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { newTestSigner } from "../../tests/helpers/cobo-signing";
import { E2E_SANDBOX_SIGNING_SEED, STORAGE_STATE } from "../fixtures";

// Cobo's webhooks are dispatched by the event's `type`, in the production build: an event whose
// data is of another kind than its type says is stored and ignored with a note, never applied as
// that other kind (the old dispatch by `data.data_type` applied it as a transaction).

test.use({ storageState: STORAGE_STATE.admin });

const signer = newTestSigner(E2E_SANDBOX_SIGNING_SEED);

test("a TSS request event carrying a transaction is stored and ignored, with the reason on its page", async ({ page, request }) => {
  const eventId = `e2e-dispatch-${randomUUID()}`;
  const body = JSON.stringify({
    event_id: eventId,
    url: "https://example.invalid/webhooks",
    created_timestamp: Date.now(),
    type: "wallets.mpc.tss_request.updated",
    data: { data_type: "Transaction", transaction_id: randomUUID(), wallet_id: randomUUID(), status: "Completed", type: "Withdrawal" },
  });
  const res = await request.post("/api/webhooks/cobo", { data: body, headers: signer.headers(body) });
  expect(res.status()).toBe(200);

  await page.goto(`/webhooks?q=${encodeURIComponent(eventId)}`);
  await page.getByRole("row").filter({ hasText: eventId }).getByRole("link").first().click();
  // Applied by the job worker shortly after it was stored: reload until it is.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("does not match event type wallets.mpc.tss_request.updated")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
});
