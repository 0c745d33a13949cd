import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { newTestSigner } from "../../tests/helpers/cobo-signing";
import { E2E_SANDBOX_SIGNING_SEED, STORAGE_STATE } from "../fixtures";
import { callAction } from "../helpers/server-action";

// Cobo's webhooks are dispatched by the event's `type`, in the production build: an event whose
// data is of another kind than its type says is stored and ignored with a note, never applied as
// that other kind (the old dispatch by `data.data_type` applied it as a transaction). An admin
// re-applies a stored event with a reason (kept in the audit log) and a confirmation.

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
  await expect(page).toHaveURL(/\/webhooks\/[0-9a-f-]{36}$/);
  // Applied by the job worker shortly after it was stored: reload until it is.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("does not match event type wallets.mpc.tss_request.updated")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  // Re-applying it: refused on the server without a reason; in the form, a reason and a confirmation.
  const rowId = new URL(page.url()).pathname.split("/").pop()!;
  const reapply = { page: `/webhooks/${rowId}`, file: "app/(console)/webhooks/actions.ts", name: "reapplyWebhookEventAction" };
  const bare = await callAction(request, reapply, { id: rowId });
  expect(bare.result).toMatchObject({ error: { code: "invalid_input", fields: [{ path: "reason" }] } });

  const form = page.getByRole("form", { name: `Re-apply webhook event ${eventId}` });
  const button = form.getByRole("button", { name: "Re-apply" });
  await form.getByLabel("Reason (kept in the audit log)").fill("e2e: dispatch fix deployed");
  await expect(button).toBeDisabled();
  await form.getByLabel("Apply this event again now").check();
  await button.click();
  await expect(form.getByRole("status")).toHaveText("Applied again: ignored → ignored.");

  await page.goto(`/audit-log?action=webhook_event.reapply&target=${rowId}`);
  const entry = page.getByRole("row").filter({ hasText: "webhook_event.reapply" });
  await expect(entry).toHaveCount(1); // the refused call changed nothing and was not run
  await expect(entry).toContainText("succeeded");
  await expect(entry).toContainText("e2e: dispatch fix deployed");
});
