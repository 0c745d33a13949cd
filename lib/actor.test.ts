import { describe, expect, it } from "vitest";
import { appUserActor, consoleActor, parseActorRef, renderActor, type Actor } from "@/lib/actor";

const ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

describe("actors", () => {
  it("render to the text rows already hold, and read back to the same actor", () => {
    const cases: [Actor, string][] = [
      [consoleActor({ id: ID, email: "ops@example.com", role: "admin" }), `console:${ID}`],
      [appUserActor(ID), `user:${ID}`],
      [{ kind: "system", job: "reconcile" }, "job:reconcile"],
      [{ kind: "cobo", channel: "webhook" }, "cobo:webhook"],
      [{ kind: "cobo", channel: "callback" }, "cobo"],
    ];
    for (const [actor, text] of cases) expect(renderActor(actor)).toBe(text);
    expect(parseActorRef(`console:${ID}`)).toEqual({ kind: "console", id: ID });
    expect(parseActorRef(`user:${ID}`)).toEqual({ kind: "app_user", userId: ID });
    expect(parseActorRef("job:reconcile")).toEqual({ kind: "system", job: "reconcile" });
    expect(parseActorRef("cobo:webhook")).toEqual({ kind: "cobo", channel: "webhook" });
    expect(parseActorRef("cobo")).toEqual({ kind: "cobo", channel: "callback" });
  });

  it("keeps text this code never wrote as `other`, verbatim", () => {
    for (const raw of ["", "console:", "admin", "somebody:else", "user"]) expect(parseActorRef(raw)).toEqual({ kind: "other", raw });
  });

  it("a console actor carries only what the audit log and records need", () => {
    const identity = { id: ID, email: "ops@example.com", role: "support" as const, name: "Ops" };
    expect(consoleActor(identity)).toEqual({
      kind: "console",
      id: ID,
      email: "ops@example.com",
      role: "support",
    });
  });
});
