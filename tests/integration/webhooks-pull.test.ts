import { describe, expect, it } from "vitest";
import { POST as createAddress } from "@/app/api/v1/wallets/[wallet_id]/addresses/route";
import { POST as createWallet } from "@/app/api/v1/wallets/route";
import { getCoboGateway } from "@/lib/cobo/client";
import type { WebhookEvent } from "@/lib/cobo/types";
import { reconcile } from "@/lib/server/reconciliation/reconcile";
import { pullMissingEvents } from "@/lib/server/reconciliation/scan-webhook-events";
import { resetEnvCache } from "@/lib/env";
import { call, setupAppHarness } from "../helpers/app-harness";
import { newTestSigner } from "../helpers/cobo-signing";
import { readyAppUser, simulateDeposit, waitFor } from "../helpers/device";

// Reconciliation's last step: events Cobo lists for our endpoint that never reached the inbox
// (here the endpoint always answers 503, as if unreachable: every delivery is lost) are pulled
// from Cobo's event list, stored, applied and recorded as drift, and a long backlog is worked
// through over several runs rather than only its newest pages.

const signer = newTestSigner();
const unreachable = async () => new Response("unavailable", { status: 503 });
const app = setupAppHarness({
  env: { COBO_WEBHOOK_PUBLIC_KEY: signer.publicKey },
  routes: { "/unreachable": unreachable },
  sandbox: { webhookUrl: "" },
});

async function listedEvents(endpointId: string): Promise<WebhookEvent[]> {
  const events: WebhookEvent[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await getCoboGateway().listWebhookEvents(endpointId, { limit: 50, ...(after ? { after } : {}) });
    events.push(...page.data);
    after = page.pagination?.after ?? undefined;
    if (!after || page.data.length === 0) return events;
  }
}

describe("pulling events that never reached us", () => {
  it(
    "a deposit whose webhooks were all lost is pulled by reconcile, applied and recorded as drift; a backlog is worked through page by page",
    { timeout: 240_000 },
    async () => {
      const endpoint = await getCoboGateway().createWebhookEndpoint({
        url: `${app.routes.origin}/unreachable`,
        subscribed_events: [
          "wallets.transaction.created",
          "wallets.transaction.updated",
          "wallets.transaction.succeeded",
          "wallets.mpc.tss_request.updated",
        ],
      });
      // The scan reads only our endpoint's events.
      process.env.COBO_WEBHOOK_ENDPOINT_ID = endpoint.endpoint_id;
      resetEnvCache();
      const user = await readyAppUser(app.sandbox, "pull");
      const wallet = await call(createWallet, { path: "/api/v1/wallets", token: user.token, body: { name: "pull" } });
      const walletId = (wallet.body as { wallet_id: string }).wallet_id;
      const address = (
        await call(createAddress, {
          path: `/api/v1/wallets/${walletId}/addresses`,
          params: { wallet_id: walletId },
          token: user.token,
          body: { chain_id: "SETH" },
        })
      ).body as { address: string };
      const deposit = await simulateDeposit(app.sandbox, address.address, "0.7", "SETH");
      // Cobo has it Completed and lists its events; none reached our inbox.
      const depositEvents = await waitFor(async () => {
        if ((await getCoboGateway().getTransaction(deposit.transaction_id)).status !== "Completed") return undefined;
        const listed = (await listedEvents(endpoint.endpoint_id)).filter(
          (e) => (e.data as { transaction_id?: string }).transaction_id === deposit.transaction_id,
        );
        return listed.some((e) => e.type === "wallets.transaction.succeeded") ? listed : undefined;
      }, "the deposit's events to be listed");
      expect(await app.db.webhookEvent.count()).toBe(0);
      expect(await app.db.transaction.findUnique({ where: { coboTransactionId: deposit.transaction_id } })).toBeNull();

      const report = await reconcile();
      expect(report.errors).toBe(0);
      expect(report.pulledEvents).toBe((await listedEvents(endpoint.endpoint_id)).length);
      // Applied: the deposit to our wallet exists, in Cobo's final state.
      expect(
        await app.db.transaction.findUnique({ where: { coboTransactionId: deposit.transaction_id }, select: { type: true, status: true } }),
      ).toEqual({
        type: "Deposit",
        status: "Completed",
      });
      // Stored as pulled, and each recorded as drift.
      for (const e of depositEvents) {
        expect(await app.db.webhookEvent.findUnique({ where: { eventId: e.event_id }, select: { source: true, status: true } })).toEqual({
          source: "pull",
          status: "applied",
        });
        expect(await app.db.reconciliationDrift.count({ where: { subjectType: "webhook_event", subjectId: e.event_id } })).toBe(1);
      }
      // A second run finds nothing new.
      expect((await reconcile()).pulledEvents).toBe(0);

      // A backlog longer than one run reads (here 2 pages of 2 events): each run continues further
      // back from where the last stopped, until every listed event is in the inbox.
      await app.db.webhookEvent.deleteMany({});
      await app.db.systemSetting.deleteMany({ where: { key: { startsWith: "reconcile.webhook_scan." } } });
      const listed = await listedEvents(endpoint.endpoint_id);
      expect(listed.length).toBeGreaterThan(8);
      let total = 0;
      const perRun: number[] = [];
      for (let run = 0; run < listed.length; run++) {
        const n = (await pullMissingEvents(Date.now(), { pageSize: 2, maxPages: 2 })).pulled;
        perRun.push(n);
        total += n;
        if (n === 0) break;
      }
      expect(perRun.slice(0, 2)).toEqual([4, 4]);
      expect(total).toBe(listed.length);
      expect(await app.db.webhookEvent.count({ where: { eventId: { in: listed.map((e) => e.event_id) } } })).toBe(listed.length);
    },
  );
});
