import { describe, expect, it } from "vitest";
import { entryOf, isTerminal, labelFromValue, rankOf, valuesIn, type StatusCatalog } from "@/lib/domain/status/catalog";
import { STATUS_CATALOGS, statusTone, toneOf } from "@/lib/domain/status/catalogs";
import { TRANSACTION_STATUS } from "@/lib/domain/status/transaction";
import { TSS_REQUEST_STATUS } from "@/lib/domain/status/tss-request";
import { TRANSACTION_STATUSES, TSS_REQUEST_STATUSES, TSS_REQUEST_TERMINAL_STATUSES } from "@/lib/console/known-values";
import { CANCELLABLE_TRANSACTION_STATUSES } from "@/lib/server/transactions/cancel-transaction";
import { TX_FINAL_STATUSES, isFinalTransactionStatus, transactionUpdateAllowed } from "@/lib/server/transactions/transaction-status";
import { TSS_FINAL_STATUSES, isFinalTssStatus, tssTransitionAllowed } from "@/lib/server/tss-requests/tss-status";

const catalogs = Object.entries(STATUS_CATALOGS) as [string, StatusCatalog][];

describe("status catalogs", () => {
  it.each(catalogs)("%s lists each value once, with a label", (_subject, catalog) => {
    const values = catalog.entries.map((e) => e.value);
    expect(new Set(values).size).toBe(values.length);
    for (const e of catalog.entries) expect(e.label.trim()).not.toBe("");
  });

  it("a value listed by several subjects has one tone in all of them (so a subject-less lookup is well defined)", () => {
    const tones = new Map<string, Set<string>>();
    for (const [, catalog] of catalogs) for (const e of catalog.entries) tones.set(e.value, (tones.get(e.value) ?? new Set()).add(e.tone));
    const ambiguous = [...tones].filter(([, t]) => t.size > 1).map(([v]) => v);
    expect(ambiguous).toEqual([]);
    expect(statusTone("active")).toBe("success");
  });

  it("gives an unlisted value a neutral, open entry ranked where the catalog says", () => {
    expect(entryOf(TRANSACTION_STATUS, "SomethingNew")).toMatchObject({ tone: "neutral", phase: "open", rank: 45 });
    expect(entryOf(TSS_REQUEST_STATUS, "SomethingNew")).toMatchObject({ tone: "neutral", phase: "open", rank: 25 });
    expect(toneOf("webhook_event", "SomethingNew")).toBe("neutral");
    expect(isTerminal(TRANSACTION_STATUS, "SomethingNew")).toBe(false);
  });

  it.each([
    ["transaction", TRANSACTION_STATUS],
    ["tss_request", TSS_REQUEST_STATUS],
  ] as const)("ranks every %s status, final ones above every open one", (_subject, catalog) => {
    for (const e of catalog.entries) expect(e.rank).toEqual(expect.any(Number));
    const open = Math.max(...catalog.entries.filter((e) => e.phase === "open").map((e) => e.rank ?? 0));
    const final = Math.min(...catalog.entries.filter((e) => e.phase === "final").map((e) => e.rank ?? 0));
    expect(final).toBeGreaterThan(open);
    expect(final).toBeGreaterThan(catalog.unknownRank ?? 0);
  });

  it("never colours a final status as warning (warning is for what is still moving)", () => {
    for (const [subject, catalog] of catalogs)
      for (const e of catalog.entries.filter((x) => x.phase === "final")) expect(e.tone, `${subject} ${e.value}`).not.toBe("warning");
  });

  it("spells Cobo's CamelCase values as words", () => {
    expect(labelFromValue("PendingKeyHolderConfirmation")).toBe("Pending key holder confirmation");
    expect(labelFromValue("MPCProcessing")).toBe("MPC processing");
    expect(labelFromValue("too_large")).toBe("Too large");
  });
});

describe("what derives from the catalogs", () => {
  it("final-status lists and predicates are the catalogs' final phase", () => {
    expect(TX_FINAL_STATUSES).toEqual(valuesIn(TRANSACTION_STATUS, "final"));
    expect(TSS_FINAL_STATUSES).toEqual(valuesIn(TSS_REQUEST_STATUS, "final"));
    expect(TSS_REQUEST_TERMINAL_STATUSES).toEqual(TSS_FINAL_STATUSES);
    for (const e of TRANSACTION_STATUS.entries) expect(isFinalTransactionStatus(e.value)).toBe(e.phase === "final");
    for (const e of TSS_REQUEST_STATUS.entries) expect(isFinalTssStatus(e.value)).toBe(e.phase === "final");
  });

  it("filter menus offer every catalog value, in lifecycle order", () => {
    expect(TRANSACTION_STATUSES).toEqual(TRANSACTION_STATUS.entries.map((e) => e.value));
    expect(TSS_REQUEST_STATUSES).toEqual(TSS_REQUEST_STATUS.entries.map((e) => e.value));
  });

  it("cancellable transaction statuses are the catalog's, all open and before signing", () => {
    expect(CANCELLABLE_TRANSACTION_STATUSES).toEqual(["Submitted", "PendingScreening", "PendingAuthorization", "PendingSignature"]);
    for (const s of CANCELLABLE_TRANSACTION_STATUSES) expect(isFinalTransactionStatus(s)).toBe(false);
  });

  it("a transaction moves forward exactly by catalog rank between open statuses", () => {
    const open = TRANSACTION_STATUS.entries.filter((e) => e.phase === "open");
    const at = (s: string) => ({ status: s, subStatus: null, updatedAt: new Date(1_800_000_000_000) });
    for (const a of open)
      for (const b of open)
        if (a.value !== b.value)
          expect([a.value, b.value, transactionUpdateAllowed(at(a.value), at(b.value))]).toEqual([
            a.value,
            b.value,
            rankOf(TRANSACTION_STATUS, b.value) > rankOf(TRANSACTION_STATUS, a.value),
          ]);
  });

  it("a TSS request moves forward exactly by catalog rank, and never out of a final status", () => {
    for (const a of TSS_REQUEST_STATUS.entries)
      for (const b of TSS_REQUEST_STATUS.entries) {
        const expected = a.value !== b.value && a.phase === "open" && (b.rank ?? 0) > (a.rank ?? 0);
        expect([a.value, b.value, tssTransitionAllowed(a.value, b.value)]).toEqual([a.value, b.value, expected]);
      }
  });
});
