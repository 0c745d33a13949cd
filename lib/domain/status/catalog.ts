// The shape of a status catalog: for one subject (a transaction's status, a TSS request's status,
// a webhook event's status, …) every value we know, what it means and how the console shows it.
// Everything that interprets a status derives from these catalogs: the rank tables behind the
// "never move back" rule, the open/final lists reconciliation and the console count, the values
// filter menus offer, and the badge colours. Plain data, no I/O: the server, the console's
// components and the tests import it alike.
//
// Statuses are stored as text (Cobo keeps adding values): a value a catalog does not list is still
// data. It is shown neutral, is not final, and ranks where the catalog's `unknownRank` says.

/** The colour family a badge uses. */
export type Tone = "success" | "danger" | "warning" | "info" | "neutral" | "violet";

/** open: the record may still change; final: it never changes again (terminal). */
export type Phase = "open" | "final";

export type StatusEntry = {
  /** the stored value: Cobo's enum value, or our own */
  value: string;
  /** for people: tooltips and menus (the badge itself shows the stored value, as Cobo names it) */
  label: string;
  tone: Tone;
  phase: Phase;
  /** lifecycle order for subjects whose status only moves forward (transactions, TSS requests) */
  rank?: number;
  /** whom the value comes from: Cobo's API (the SDK's enum) or this backend */
  origin: "cobo" | "ours";
};

export type StatusCatalog<E extends StatusEntry = StatusEntry> = {
  /** what the values are the status of, for people ("Transaction status") */
  title: string;
  /** in lifecycle order: filter menus offer them in this order */
  entries: readonly E[];
  /** where a value the catalog does not list ranks (subjects with ranks only) */
  unknownRank?: number;
};

/** A value no catalog lists: neutral, open, and ranked where the catalog says. */
function unknownEntry(catalog: StatusCatalog, value: string): StatusEntry {
  return { value, label: value, tone: "neutral", phase: "open", rank: catalog.unknownRank, origin: "cobo" };
}

/** The catalog's entry for `value` (or the unknown-value entry). */
export function entryOf(catalog: StatusCatalog, value: string): StatusEntry {
  return catalog.entries.find((e) => e.value === value) ?? unknownEntry(catalog, value);
}

/** Whether the catalog lists `value`. */
export function isKnown(catalog: StatusCatalog, value: string): boolean {
  return catalog.entries.some((e) => e.value === value);
}

/** Every listed value, in lifecycle order (what filter menus offer before any row has it). */
export function valuesOf(catalog: StatusCatalog): string[] {
  return catalog.entries.map((e) => e.value);
}

/** The listed values of one phase: `final` for "never changes again", `open` for "still moving". */
export function valuesIn(catalog: StatusCatalog, phase: Phase): string[] {
  return catalog.entries.filter((e) => e.phase === phase).map((e) => e.value);
}

/** True when the value is final (terminal); unknown values are not. */
export function isTerminal(catalog: StatusCatalog, value: string): boolean {
  return entryOf(catalog, value).phase === "final";
}

/** The value's rank; a catalog without ranks (or an entry without one) ranks everything 0. */
export function rankOf(catalog: StatusCatalog, value: string): number {
  return entryOf(catalog, value).rank ?? catalog.unknownRank ?? 0;
}

/** Cobo's CamelCase enum value as words: "PendingKeyHolderConfirmation" → "Pending key holder confirmation". */
export function labelFromValue(value: string): string {
  const words = value
    .replace(/_/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(" ")
    .filter(Boolean)
    .map((w, i) => (i > 0 && /^[A-Z][a-z]/.test(w) ? w.toLowerCase() : w));
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One entry; the label defaults to the value in words. */
export function status(
  value: string,
  tone: Tone,
  phase: Phase,
  more: { rank?: number; label?: string; origin?: "cobo" | "ours" } = {},
): StatusEntry {
  return {
    value,
    label: more.label ?? labelFromValue(value),
    tone,
    phase,
    origin: more.origin ?? "cobo",
    ...(more.rank === undefined ? {} : { rank: more.rank }),
  };
}
