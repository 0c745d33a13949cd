import "server-only";
import { db } from "@/lib/db/client";
import { isGuid } from "@/lib/console/list-query";
import { decimalString } from "@/lib/serialize";

// Names for the targets of audit entries: a person reads "alice@example.com", not a UUID. One query
// per target type present on the page (at most a page of ids each, by primary key). A target whose
// row is gone (a deleted risk rule) or whose id is not a row id (an email, "user:XTN:86400" for a
// limit that was never created) keeps no name; the list shows its id.

export type AuditTarget = { type: string | null; id: string | null };

const key = (type: string, id: string) => `${type}\u0000${id}`;

function formatSeconds(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} d`;
  if (seconds % 3_600 === 0) return `${seconds / 3_600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** A name for each (type, id) that has one; look one up with `auditTargetName(names, target)`. */
export async function auditTargetNames(targets: AuditTarget[]): Promise<Map<string, string>> {
  const idsOf = (...types: string[]) => [
    ...new Set(targets.filter((t) => t.type && types.includes(t.type) && t.id && isGuid(t.id)).map((t) => t.id!)),
  ];
  const names = new Map<string, string>();
  const put = (types: string[], id: string, name: string) => {
    for (const type of types) names.set(key(type, id), name);
  };
  const appUsers = idsOf("app_user", "user");
  const consoleUsers = idsOf("console_user");
  const vaults = idsOf("vault");
  const transactions = idsOf("transaction");
  const tssRequests = idsOf("tss_request", "tss-request");
  const events = idsOf("webhook_event", "webhook-event");
  const limits = idsOf("risk_limit");
  const rules = idsOf("risk_address_rule");
  const approvals = idsOf("approval_request");
  const none = Promise.resolve([]);
  const [u, c, v, tx, tss, ev, lim, rul, apr] = await Promise.all([
    appUsers.length ? db.user.findMany({ where: { id: { in: appUsers } }, select: { id: true, email: true } }) : none,
    consoleUsers.length ? db.consoleUser.findMany({ where: { id: { in: consoleUsers } }, select: { id: true, email: true } }) : none,
    vaults.length
      ? db.vault.findMany({ where: { id: { in: vaults } }, select: { id: true, name: true, user: { select: { email: true } } } })
      : none,
    transactions.length
      ? db.transaction.findMany({
          where: { id: { in: transactions } },
          select: { id: true, type: true, amount: true, tokenId: true, coboTransactionId: true, requestId: true },
        })
      : none,
    tssRequests.length
      ? db.tssRequest.findMany({
          where: { id: { in: tssRequests } },
          select: { id: true, type: true, coboTssRequestId: true, vault: { select: { user: { select: { email: true } } } } },
        })
      : none,
    events.length ? db.webhookEvent.findMany({ where: { id: { in: events } }, select: { id: true, eventId: true, type: true } }) : none,
    limits.length
      ? db.riskLimit.findMany({
          where: { id: { in: limits } },
          select: { id: true, scope: true, tokenId: true, maxAmount: true, windowSeconds: true },
        })
      : none,
    rules.length
      ? db.riskAddressRule.findMany({ where: { id: { in: rules } }, select: { id: true, kind: true, chainId: true, address: true } })
      : none,
    approvals.length
      ? db.approvalRequest.findMany({
          where: { id: { in: approvals } },
          select: { id: true, action: true, requestedByEmail: true, status: true },
        })
      : none,
  ]);
  for (const r of u) put(["app_user", "user"], r.id, r.email);
  for (const r of c) put(["console_user"], r.id, r.email);
  for (const r of v) put(["vault"], r.id, `${r.name} (${r.user.email})`);
  for (const r of tx)
    put(["transaction"], r.id, `${r.type} of ${decimalString(r.amount)} ${r.tokenId} (${r.coboTransactionId ?? r.requestId})`);
  for (const r of tss) put(["tss_request", "tss-request"], r.id, `${r.type} for ${r.vault.user.email} (${r.coboTssRequestId})`);
  for (const r of ev) put(["webhook_event", "webhook-event"], r.id, `${r.type} (${r.eventId})`);
  for (const r of lim)
    put(["risk_limit"], r.id, `per ${r.scope}: at most ${decimalString(r.maxAmount)} ${r.tokenId} in ${formatSeconds(r.windowSeconds)}`);
  for (const r of rul) put(["risk_address_rule"], r.id, `${r.kind} ${r.chainId} ${r.address}`);
  for (const r of apr) put(["approval_request"], r.id, `${r.action} asked by ${r.requestedByEmail} (${r.status})`);
  return names;
}

export function auditTargetName(names: Map<string, string>, target: AuditTarget): string | null {
  return target.type && target.id ? (names.get(key(target.type, target.id)) ?? null) : null;
}
