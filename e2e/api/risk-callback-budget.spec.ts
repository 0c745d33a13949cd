import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { e2eRuntimeFile } from "../fixtures";
import { fundedWallet, readyAppUser, transferBody } from "../helpers/journey";

// Cobo waits about 2 s for the risk-control callback. With the transactions table locked by
// another session, the callback must not hang: it answers deny on its own (fail closed), the
// withdrawal ends Rejected at Cobo, and the decision is recorded with the reason "timeout".

const port = Number(process.env.E2E_PORT ?? 3100);

test("a callback that cannot read its facts in time answers deny and records why", async ({ request }) => {
  const user = await readyAppUser(request, "locked");
  const wallet = await fundedWallet(request, user.token);
  const { databaseUrl } = JSON.parse(readFileSync(e2eRuntimeFile(port), "utf8")) as { databaseUrl: string };
  const holder = new pg.Client({ connectionString: databaseUrl });
  await holder.connect();
  let requestId = "";
  let coboId = "";
  try {
    const res = await request.post(`/api/v1/wallets/${wallet.walletId}/transfers`, {
      headers: { ...user.auth, "idempotency-key": "under-lock", "x-forwarded-for": "192.0.2.78" },
      data: transferBody(wallet.address),
    });
    expect(res.status(), await res.text()).toBe(201);
    ({ request_id: requestId, cobo_transaction_id: coboId } = (
      (await res.json()) as { transaction: { request_id: string; cobo_transaction_id: string } }
    ).transaction);
    // Held while the sandbox screens the transfer and asks the callback (its next steps, a tick each).
    await holder.query("BEGIN");
    await holder.query("LOCK TABLE transactions IN ACCESS EXCLUSIVE MODE");
    await new Promise((r) => setTimeout(r, 5_000));
  } finally {
    await holder.query("ROLLBACK").catch(() => undefined);
  }
  try {
    await expect
      .poll(
        async () => {
          const rows = await holder.query<{ decision: string; reason: string }>(
            "SELECT decision, reason FROM risk_decisions WHERE request_id = $1 AND stage = 'callback' ORDER BY created_at",
            [requestId],
          );
          return rows.rows.map((r) => `${r.decision} ${r.reason.split(":")[0]}`);
        },
        { timeout: 30_000 },
      )
      .toEqual(["deny timeout"]);
  } finally {
    await holder.end();
  }
  await expect
    .poll(
      async () => {
        const tx = (await (await request.get(`/api/v1/transactions/${coboId}`, { headers: user.auth })).json()) as {
          status: string;
          sub_status: string | null;
        };
        return `${tx.status} ${tx.sub_status}`;
      },
      { timeout: 30_000 },
    )
    .toBe("Rejected RejectedRiskControlCheck");
});
