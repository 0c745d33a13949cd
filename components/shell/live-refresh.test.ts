import { describe, expect, it } from "vitest";
import { concernsPage, parseNotice, type LiveNotice } from "@/components/shell/live-refresh";

const tx: LiveNotice = { event: "change", kind: "transaction", userId: "u1", subjectId: "t1" };
const tss: LiveNotice = { event: "change", kind: "tss_request", userId: "u2", subjectId: "r1" };
const webhook: LiveNotice = { event: "webhook" };

describe("live updates: which pages a notice concerns", () => {
  it("lists of a kind follow changes of that kind only", () => {
    expect(concernsPage("/transactions", tx)).toBe(true);
    expect(concernsPage("/transactions", tss)).toBe(false);
    expect(concernsPage("/tss-requests", tss)).toBe(true);
    expect(concernsPage("/tss-requests/abc", tx)).toBe(false);
  });

  it("a user's page follows only that user's changes; the users list follows all", () => {
    expect(concernsPage("/users/u1", tx)).toBe(true);
    expect(concernsPage("/users/u1", tss)).toBe(false);
    expect(concernsPage("/users", tss)).toBe(true);
  });

  it("webhook arrivals concern the webhooks pages and the dashboard, nothing else", () => {
    expect(concernsPage("/webhooks", webhook)).toBe(true);
    expect(concernsPage("/dashboard", webhook)).toBe(true);
    expect(concernsPage("/transactions", webhook)).toBe(false);
  });

  it("pages without live data (settings, audit log, API reference) are never refreshed", () => {
    for (const page of ["/settings", "/audit-log", "/api-reference", "/risk"]) {
      expect(concernsPage(page, tx)).toBe(false);
      expect(concernsPage(page, webhook)).toBe(false);
    }
  });

  it("parses the server's notices and ignores anything else", () => {
    expect(parseNotice("change", JSON.stringify({ kind: "transaction", user_id: "u1", subject_id: "t1", status: "Pending" }))).toEqual(tx);
    expect(parseNotice("webhook", "{}")).toEqual(webhook);
    expect(parseNotice("change", "not json")).toBeNull();
    expect(parseNotice("change", JSON.stringify({ kind: "wallet", user_id: "u1", subject_id: "x" }))).toBeNull();
    expect(parseNotice("other", "{}")).toBeNull();
  });
});
