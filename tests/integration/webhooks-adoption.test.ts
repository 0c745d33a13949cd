import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST as createWalletRoute } from "@/app/api/v1/wallets/route";
import { getCoboGateway } from "@/lib/cobo/client";
import type { WebhookEvent } from "@/lib/cobo/types";
import { applyWebhookEvent } from "@/lib/server/webhooks/apply-webhook-event";
import { receiveWebhook } from "@/lib/http/cobo-webhook";
import { call, setupAppHarness } from "../helpers/app-harness";
import { newTestSigner } from "../helpers/cobo-signing";
import { createCosigner, readyAppUser, simulateDeposit, waitFor, type ReadyUser } from "../helpers/device";

// Objects made at Cobo outside this backend (Portal, or our API key used elsewhere) that belong to
// our project are adopted from their webhook events; those outside our project are recorded and
// ignored. The sandbox's own events (listed from an endpoint pointing at a sink) are re-signed
// with a test key configured as Cobo's, and go through the real endpoint and the applier.

const signer = newTestSigner();
const sink = async () => new Response("ok");
const app = setupAppHarness({ env: { COBO_WEBHOOK_PUBLIC_KEY: signer.publicKey }, routes: { "/sink": sink }, sandbox: { webhookUrl: "" } });

let endpointId: string | undefined;
async function sinkEndpoint(): Promise<string> {
  endpointId ??= (
    await getCoboGateway().createWebhookEndpoint({
      url: `${app.routes.origin}/sink`,
      subscribed_events: [
        "wallets.mpc.tss_request.created",
        "wallets.mpc.tss_request.updated",
        "wallets.addresses.created",
        "wallets.created",
        "wallets.transaction.created",
      ],
    })
  ).endpoint_id;
  return endpointId;
}

/** The sandbox's first event of `type` whose data passes `match` (waits for it to be listed). */
async function sandboxEvent(type: string, match: (data: Record<string, unknown>) => boolean): Promise<WebhookEvent> {
  const id = await sinkEndpoint();
  return waitFor(async () => {
    let after: string | undefined;
    for (;;) {
      const page = await getCoboGateway().listWebhookEvents(id, { limit: 50, type, ...(after ? { after } : {}) });
      const found = page.data.find((e) => e.type === type && match(e.data as Record<string, unknown>));
      if (found) return found;
      after = page.pagination?.after ?? undefined;
      if (!after || page.data.length === 0) return undefined;
    }
  }, `a ${type} event`);
}

/** Delivers a (re-signed) event to our endpoint and applies it as the job would. */
async function deliver(event: WebhookEvent | Record<string, unknown>): Promise<string | null> {
  const raw = JSON.stringify(event);
  const queued: string[] = [];
  const res = await receiveWebhook(
    new Request("http://127.0.0.1/api/webhooks/cobo", { method: "POST", body: raw, headers: signer.headers(raw) }),
    async (id) => {
      queued.push(id);
    },
  );
  expect(res.status).toBe(200);
  const id = queued[0];
  return id ? applyWebhookEvent(id) : null;
}

let ready: Promise<ReadyUser> | undefined;
/** One app user with a vault whose KeyGen succeeded, shared by the tests (setting one up takes a while). */
async function ourUser() {
  await sinkEndpoint(); // before anything happens at the sandbox: events are listed per endpoint
  ready ??= readyAppUser(app.sandbox, "adopt");
  const user = await ready;
  const vault = await app.db.vault.findUniqueOrThrow({
    where: { userId: user.id },
    select: { id: true, coboVaultId: true, rootPubkey: true, activeMainGroup: { select: { id: true, coboGroupId: true } } },
  });
  return { user, vault, coboVaultId: vault.coboVaultId!, mainGroup: vault.activeMainGroup! };
}

/** A vault at Cobo (same sandbox, same API key) that this backend knows nothing of, with a Valid Main Group. */
async function foreignVault() {
  await sinkEndpoint();
  const gw = getCoboGateway();
  const project = await gw.createMpcProject({ name: `foreign-${randomUUID().slice(0, 8)}`, participants: 2, threshold: 2 });
  const vault = await gw.createMpcVault({ project_id: project.project_id, name: `foreign-${randomUUID().slice(0, 8)}` });
  const group = await gw.createKeyShareHolderGroup(vault.vault_id, {
    key_share_holder_group_type: "MainGroup",
    participants: 2,
    threshold: 2,
    key_share_holders: [{ name: "server", type: "API", tss_node_id: await createCosigner(app.sandbox) }],
  });
  const keygen = await gw.createTssRequest(vault.vault_id, {
    type: "KeyGen",
    target_key_share_holder_group_id: group.key_share_holder_group_id,
  });
  await waitFor(async () => (await gw.getTssRequest(vault.vault_id, keygen.tss_request_id)).status === "Success", "the foreign KeyGen");
  return { coboVaultId: vault.vault_id, keygenId: keygen.tss_request_id };
}

describe("TSS requests made at Cobo outside this backend", () => {
  it("one whose source group is ours is adopted into that vault, with its new target group, once", { timeout: 180_000 }, async () => {
    const { user, vault, coboVaultId, mainGroup } = await ourUser();
    const gw = getCoboGateway();
    const cosigner = await createCosigner(app.sandbox);
    const recovery = await gw.createKeyShareHolderGroup(coboVaultId, {
      key_share_holder_group_type: "RecoveryGroup",
      participants: 2,
      threshold: 2,
      key_share_holders: [{ name: "server", type: "API", tss_node_id: cosigner }],
    });
    const outside = await gw.createTssRequest(coboVaultId, {
      type: "KeyGenFromKeyGroup",
      target_key_share_holder_group_id: recovery.key_share_holder_group_id,
      source_key_share_holder_group: {
        key_share_holder_group_id: mainGroup.coboGroupId!,
        tss_node_ids: [app.sandbox.info.cobo_node_id, user.device.nodeId],
      },
    });
    expect(await app.db.tssRequest.findUnique({ where: { coboTssRequestId: outside.tss_request_id } })).toBeNull();

    const created = await sandboxEvent("wallets.mpc.tss_request.created", (d) => d.tss_request_id === outside.tss_request_id);
    // The payload names the groups but no vault.
    expect(created.data).not.toHaveProperty("vault_id");
    expect(await deliver(created)).toBe("applied");

    const row = await app.db.tssRequest.findUniqueOrThrow({
      where: { coboTssRequestId: outside.tss_request_id },
      include: { targetGroup: { include: { members: { include: { node: true } } } }, history: true },
    });
    expect(row).toMatchObject({ vaultId: vault.id, type: "KeyGenFromKeyGroup", sourceGroupId: mainGroup.id, requestedBy: null });
    expect(row.status).toBe((await gw.getTssRequest(coboVaultId, outside.tss_request_id)).status);
    expect(row.targetGroup).toMatchObject({
      vaultId: vault.id,
      coboGroupId: recovery.key_share_holder_group_id,
      groupType: "RecoveryGroup",
      lifecycle: "pending",
    });
    expect(row.targetGroup.members.map((m) => m.node.nodeId)).toContain(cosigner);
    expect(row.history).toHaveLength(1);
    expect(row.history[0]).toMatchObject({
      fromStatus: null,
      source: "webhook",
      note: "TSS request made outside this backend, seen at Cobo",
    });
    // The vault's user hears of it.
    expect(
      await app.db.appUserEvent.count({ where: { userId: user.id, subjectType: "tss_request", subjectId: outside.tss_request_id } }),
    ).toBe(1);

    // The same event again, and a copy under another event id, adopt nothing more.
    expect(await deliver(created)).toBeNull();
    expect(await deliver({ ...created, event_id: randomUUID() })).toBe("applied");
    expect(await app.db.tssRequest.count({ where: { coboTssRequestId: outside.tss_request_id } })).toBe(1);
    expect(await app.db.keyShareHolderGroup.count({ where: { coboGroupId: recovery.key_share_holder_group_id } })).toBe(1);
  });

  it(
    "one whose target group is ours (our provisioning's, reported before our call returned) keeps who asked for it",
    { timeout: 180_000 },
    async () => {
      const { user, vault, coboVaultId, mainGroup } = await ourUser();
      const gw = getCoboGateway();
      const remoteGroup = await gw.createKeyShareHolderGroup(coboVaultId, {
        key_share_holder_group_type: "RecoveryGroup",
        participants: 2,
        threshold: 2,
        key_share_holders: [{ name: "server", type: "API", tss_node_id: await createCosigner(app.sandbox) }],
      });
      const planned = await app.db.keyShareHolderGroup.create({
        data: {
          vaultId: vault.id,
          coboGroupId: remoteGroup.key_share_holder_group_id,
          groupType: "RecoveryGroup",
          participants: 2,
          threshold: 2,
          plannedTssType: "KeyGenFromKeyGroup",
          plannedSourceGroupId: mainGroup.id,
          requestedBy: `user:${user.id}`,
        },
      });
      const request = await gw.createTssRequest(coboVaultId, {
        type: "KeyGenFromKeyGroup",
        target_key_share_holder_group_id: remoteGroup.key_share_holder_group_id,
        source_key_share_holder_group: {
          key_share_holder_group_id: mainGroup.coboGroupId!,
          tss_node_ids: [app.sandbox.info.cobo_node_id, user.device.nodeId],
        },
      });
      // Only the target group is named (as if the source were unknown): the target alone is enough.
      const created = await sandboxEvent("wallets.mpc.tss_request.created", (d) => d.tss_request_id === request.tss_request_id);
      const data = { ...(created.data as Record<string, unknown>), source_key_share_holder_group: null };
      expect(await deliver({ ...created, event_id: randomUUID(), data })).toBe("applied");
      expect(await app.db.tssRequest.findUniqueOrThrow({ where: { coboTssRequestId: request.tss_request_id } })).toMatchObject({
        vaultId: vault.id,
        targetGroupId: planned.id,
        sourceGroupId: mainGroup.id,
        requestedBy: `user:${user.id}`,
      });
    },
  );

  it("one of no group of ours is recorded as ignored, and stores nothing", { timeout: 180_000 }, async () => {
    const foreign = await foreignVault();
    const before = { tss: await app.db.tssRequest.count(), groups: await app.db.keyShareHolderGroup.count() };
    const created = await sandboxEvent("wallets.mpc.tss_request.created", (d) => d.tss_request_id === foreign.keygenId);
    expect(await deliver(created)).toBe("ignored");
    expect({ tss: await app.db.tssRequest.count(), groups: await app.db.keyShareHolderGroup.count() }).toEqual(before);
    const stored = await app.db.webhookEvent.findUniqueOrThrow({
      where: { eventId: created.event_id },
      select: { status: true, lastError: true },
    });
    expect(stored).toEqual({ status: "ignored", lastError: "TSS request of no group of ours" });
  });
});

describe("addresses made at Cobo outside this backend", () => {
  it(
    "an address of our wallet is adopted (the event names no wallet: Cobo is asked), a foreign one is ignored",
    { timeout: 180_000 },
    async () => {
      const { user, vault } = await ourUser();
      expect(vault.rootPubkey).toBeTruthy();
      const gw = getCoboGateway();
      const wallet = await call(createWalletRoute, { path: "/api/v1/wallets", token: user.token, body: { name: "Adopted" } });
      expect(wallet.status, wallet.text).toBe(201);
      const coboWalletId = (wallet.body as { wallet_id: string }).wallet_id;
      const walletRow = await app.db.wallet.findUniqueOrThrow({ where: { coboWalletId }, select: { id: true } });

      const [made] = await gw.createAddress(coboWalletId, { chain_id: "SETH" });
      if (!made) throw new Error("no address");
      const event = await sandboxEvent("wallets.addresses.created", (d) => JSON.stringify(d.addresses ?? []).includes(made.address));
      expect(JSON.stringify(event.data)).not.toContain("wallet_id");
      expect(await deliver(event)).toBe("applied");
      expect(
        await app.db.address.findUniqueOrThrow({ where: { chainId_address: { chainId: "SETH", address: made.address } } }),
      ).toMatchObject({
        walletId: walletRow.id,
        path: made.path,
        pubkey: made.pubkey,
      });

      // Cobo's current API names the wallet on each address: that is used directly.
      const [second] = await gw.createAddress(coboWalletId, { chain_id: "SETH" });
      if (!second) throw new Error("no address");
      const named = { ...second, wallet_id: coboWalletId, root_pubkey: undefined };
      expect(await deliver({ ...event, event_id: randomUUID(), data: { data_type: "Addresses", addresses: [named] } })).toBe("applied");
      expect(
        await app.db.address.findUnique({
          where: { chainId_address: { chainId: "SETH", address: second.address } },
          select: { walletId: true },
        }),
      ).toEqual({
        walletId: walletRow.id,
      });

      // An address of a wallet in a vault that is not ours.
      const foreign = await foreignVault();
      const foreignWallet = await gw.createWallet({ name: `foreign${randomUUID().slice(0, 8)}`, vault_id: foreign.coboVaultId });
      const [theirs] = await gw.createAddress(foreignWallet.wallet_id, { chain_id: "SETH" });
      if (!theirs) throw new Error("no address");
      const foreignEvent = await sandboxEvent("wallets.addresses.created", (d) =>
        JSON.stringify(d.addresses ?? []).includes(theirs.address),
      );
      expect(await deliver(foreignEvent)).toBe("ignored");
      expect(await app.db.address.findUnique({ where: { chainId_address: { chainId: "SETH", address: theirs.address } } })).toBeNull();
      // Neither a wallet id nor a root key: nothing can tell the wallet, so nothing is stored.
      const [bare] = await gw.createAddress(coboWalletId, { chain_id: "SETH" });
      if (!bare) throw new Error("no address");
      const anonymous = { address: bare.address, chain_id: bare.chain_id, path: bare.path };
      expect(await deliver({ ...event, event_id: randomUUID(), data: { data_type: "Addresses", addresses: [anonymous] } })).toBe("ignored");
    },
  );

  it(
    "a deposit to a wallet of our vault made at Cobo, arriving before the wallet's own event, adopts the wallet and the deposit",
    { timeout: 180_000 },
    async () => {
      const { vault, coboVaultId } = await ourUser();
      const gw = getCoboGateway();
      const made = await gw.createWallet({ name: `portal${randomUUID().slice(0, 8)}`, vault_id: coboVaultId });
      const [address] = await gw.createAddress(made.wallet_id, { chain_id: "SETH" });
      if (!address) throw new Error("no address");
      const deposit = await simulateDeposit(app.sandbox, address.address, "0.2", "SETH");
      const created = await sandboxEvent("wallets.transaction.created", (d) => d.transaction_id === deposit.transaction_id);
      expect(await app.db.wallet.findUnique({ where: { coboWalletId: made.wallet_id } })).toBeNull();
      // The deposit's event first: the wallet is re-read from Cobo, found in our vault, and adopted.
      expect(await deliver(created)).toBe("applied");
      const wallet = await app.db.wallet.findUniqueOrThrow({
        where: { coboWalletId: made.wallet_id },
        select: { id: true, vaultId: true },
      });
      expect(wallet.vaultId).toBe(vault.id);
      expect(
        await app.db.transaction.findUnique({
          where: { coboTransactionId: deposit.transaction_id },
          select: { walletId: true, type: true },
        }),
      ).toEqual({
        walletId: wallet.id,
        type: "Deposit",
      });
      // Its wallets.created, late, changes nothing.
      const walletEvent = await sandboxEvent(
        "wallets.created",
        (d) => (d.wallet as { wallet_id?: string } | undefined)?.wallet_id === made.wallet_id,
      );
      expect(await deliver(walletEvent)).toBe("applied");
      expect(await app.db.wallet.count({ where: { coboWalletId: made.wallet_id } })).toBe(1);
    },
  );
});
