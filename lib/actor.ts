// Who did something: a console user (support or admin), an app user (through the Client API),
// Cobo (its webhooks and risk-control callbacks), or the backend itself (a job). Domain functions take an `Actor`; `renderActor` is the one place
// that turns it into the text stored in the database (requested_by, cancelled_by, paused_by,
// initiator) and written to logs, and `parseActorRef` reads that text back. The stored forms are
// the ones rows already hold ("console:<id>", "user:<id>", "job:<name>"), so existing rows keep
// rendering and no migration is needed.

export type ConsoleActor = { kind: "console"; id: string; email: string; role: "admin" | "support" };
export type AppUserActor = { kind: "app_user"; userId: string };
export type SystemActor = { kind: "system"; job: string };
export type CoboActor = { kind: "cobo"; channel: "webhook" | "callback" };

export type Actor = ConsoleActor | AppUserActor | SystemActor | CoboActor;

/** What a stored actor text names: one of the kinds above (by id), or text this code never wrote. */
export type ActorRef =
  | { kind: "console"; id: string }
  | { kind: "app_user"; userId: string }
  | { kind: "system"; job: string }
  | { kind: "cobo"; channel: "webhook" | "callback" }
  | { kind: "other"; raw: string };

/** The signed-in console user as an actor. */
export function consoleActor(identity: { id: string; email: string; role: "admin" | "support" }): ConsoleActor {
  return { kind: "console", id: identity.id, email: identity.email, role: identity.role };
}

/** An app user acting for themselves (Client API). */
export function appUserActor(userId: string): AppUserActor {
  return { kind: "app_user", userId };
}

/** The text stored for `actor` in records, timelines and logs. */
export function renderActor(actor: Actor): string {
  switch (actor.kind) {
    case "console":
      return `console:${actor.id}`;
    case "app_user":
      return `user:${actor.userId}`;
    case "system":
      return `job:${actor.job}`;
    case "cobo":
      // (log context only; the callback's value predates the channel)
      return actor.channel === "webhook" ? "cobo:webhook" : "cobo";
  }
}

/** Reads a stored actor text back; anything this code does not write is `other`, kept verbatim. */
export function parseActorRef(raw: string): ActorRef {
  if (raw === "cobo") return { kind: "cobo", channel: "callback" };
  if (raw === "cobo:webhook") return { kind: "cobo", channel: "webhook" };
  const colon = raw.indexOf(":");
  const prefix = colon < 0 ? "" : raw.slice(0, colon);
  const rest = colon < 0 ? "" : raw.slice(colon + 1);
  if (rest === "") return { kind: "other", raw };
  if (prefix === "console") return { kind: "console", id: rest };
  if (prefix === "user") return { kind: "app_user", userId: rest };
  if (prefix === "job") return { kind: "system", job: rest };
  return { kind: "other", raw };
}
