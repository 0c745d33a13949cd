import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";

// What a stored webhook event is about, as a console link: the transaction, TSS request or
// wallet's vault it names, when that object is ours. Read from the stored body with a regular
// expression in SQL (never a JSON cast, which one odd body would make fail for the whole page), for
// a page of events at once.

export type WebhookSubject = { kind: "transaction" | "tss-request" | "vault"; href: string; label: string; coboId: string };

type Extracted = { id: string; type: string; transaction_id: string | null; tss_request_id: string | null; wallet_id: string | null };

/** The subject of each of the given inbox events (our row ids) that names an object of ours. */
export async function webhookSubjects(ids: readonly string[]): Promise<Map<string, WebhookSubject>> {
  const out = new Map<string, WebhookSubject>();
  if (ids.length === 0) return out;
  const rows = await db.$queryRaw<Extracted[]>(Prisma.sql`
    SELECT id::text AS id, type,
           substring(raw_body from '"transaction_id"\\s*:\\s*"([^"\\\\]{1,200})"') AS transaction_id,
           substring(raw_body from '"tss_request_id"\\s*:\\s*"([^"\\\\]{1,200})"') AS tss_request_id,
           substring(raw_body from '"wallet_id"\\s*:\\s*"([^"\\\\]{1,200})"') AS wallet_id
      FROM webhook_events
     WHERE id = ANY(${[...ids]}::uuid[])`);
  const txIds = rows.filter((r) => r.type.startsWith("wallets.transaction.") && r.transaction_id).map((r) => r.transaction_id!);
  const tssIds = rows.filter((r) => r.type.startsWith("wallets.mpc.tss_request.") && r.tss_request_id).map((r) => r.tss_request_id!);
  const walletIds = rows.filter((r) => r.type.startsWith("wallets.") && r.wallet_id).map((r) => r.wallet_id!);
  const [txs, tss, wallets] = await Promise.all([
    txIds.length
      ? db.transaction.findMany({ where: { coboTransactionId: { in: txIds } }, select: { id: true, coboTransactionId: true } })
      : [],
    tssIds.length
      ? db.tssRequest.findMany({ where: { coboTssRequestId: { in: tssIds } }, select: { id: true, coboTssRequestId: true } })
      : [],
    walletIds.length
      ? db.wallet.findMany({ where: { coboWalletId: { in: walletIds } }, select: { coboWalletId: true, vaultId: true, name: true } })
      : [],
  ]);
  const txBy = new Map(txs.map((t) => [t.coboTransactionId, t.id]));
  const tssBy = new Map(tss.map((t) => [t.coboTssRequestId, t.id]));
  const walletBy = new Map(wallets.map((w) => [w.coboWalletId, w]));
  for (const r of rows) {
    if (r.type.startsWith("wallets.transaction.") && r.transaction_id) {
      const id = txBy.get(r.transaction_id);
      if (id) out.set(r.id, { kind: "transaction", href: `/transactions/${id}`, label: "Transaction", coboId: r.transaction_id });
    } else if (r.type.startsWith("wallets.mpc.tss_request.") && r.tss_request_id) {
      const id = tssBy.get(r.tss_request_id);
      if (id) out.set(r.id, { kind: "tss-request", href: `/tss-requests/${id}`, label: "TSS request", coboId: r.tss_request_id });
    } else if (r.wallet_id) {
      const w = walletBy.get(r.wallet_id);
      if (w) out.set(r.id, { kind: "vault", href: `/vaults/${w.vaultId}`, label: `Wallet ${w.name}`, coboId: r.wallet_id });
    }
  }
  return out;
}
