import { describe, expect, it, vi } from "vitest";

// The production build gives each route its own copy of a module. vi.resetModules() + a fresh
// import gives this test a second copy, the same way: state and error identity must survive it.

async function freshCopy<T>(path: string): Promise<T> {
  vi.resetModules();
  return (await import(/* @vite-ignore */ path)) as T;
}

type ErrorsModule = typeof import("@/lib/errors");
type CoboErrorsModule = typeof import("@/lib/cobo/errors");
type ProblemModule = typeof import("@/lib/http/problem");
type ContextModule = typeof import("@/lib/log/context");
type StateModule = typeof import("@/lib/process-state");

describe("process state across module copies", () => {
  it("a slot declared by two copies of a module holds one value", async () => {
    const a = await freshCopy<StateModule>("@/lib/process-state");
    const b = await freshCopy<StateModule>("@/lib/process-state");
    expect(a).not.toBe(b);
    let created = 0;
    const slotA = a.processSlot("test.counter", () => ({ n: ++created }), { envDerived: true });
    const slotB = b.processSlot("test.counter", () => ({ n: ++created }), { envDerived: true });
    expect(slotB.get()).toBe(slotA.get());
    expect(created).toBe(1);
    a.resetEnvDerivedState();
    expect(slotB.peek()).toBeUndefined();
    slotA.reset();
  });

  it("the request context opened by one copy is seen by another copy (the logger's)", async () => {
    const a = await freshCopy<ContextModule>("@/lib/log/context");
    const b = await freshCopy<ContextModule>("@/lib/log/context");
    expect(a).not.toBe(b);
    const seen = a.withRequestContext({ requestId: "req-from-copy-a" }, () => b.currentRequestContext()?.requestId);
    expect(seen).toBe("req-from-copy-a");
  });
});

describe("error identity across module copies", () => {
  it("an AppError or CoboError made by another copy is recognised and mapped, not a 500", async () => {
    const errorsA = await freshCopy<ErrorsModule>("@/lib/errors");
    const problemA = await freshCopy<ProblemModule>("@/lib/http/problem");
    const coboB = await freshCopy<CoboErrorsModule>("@/lib/cobo/errors");
    const coboA = await freshCopy<CoboErrorsModule>("@/lib/cobo/errors");
    const foreign = new coboB.CoboError("createTransfer", { kind: "rejected", httpStatus: 400, coboErrorCode: 30012 });
    expect(foreign instanceof coboA.CoboError).toBe(false);
    expect(errorsA.isAppError(foreign)).toBe(true);
    expect(coboA.isCoboError(foreign)).toBe(true);
    const { response, expected } = problemA.problemFromError(foreign, "req-1");
    expect(expected).toBe(true);
    expect(response.status).not.toBe(500);
    // A look-alike without the brand is not trusted as an expected error.
    const lookalike = Object.assign(new Error("x"), { name: "AppError", code: "not_found" });
    expect(errorsA.isAppError(lookalike)).toBe(false);
  });
});
