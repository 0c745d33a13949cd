// The one home of process-wide state: the database client, the pg pool, the job queue, the Cobo
// gateway, the validated environment, the logger, the metrics registry and the request context.
//
// Why not a module-level `let`: the production build gives each route its own copy of every module
// it imports, so a module-level value exists once per route, and a value cached by one copy (a
// gateway, a logger) carries that copy's classes and AsyncLocalStorage into every other route.
// Why not ad-hoc `globalThis.__x` keys: they are invisible, untyped, and tests had to know each
// name. Here every slot lives in one Map under a `Symbol.for` key, which is the same symbol in
// every module copy (and in tsx/vitest), so each slot is created once per process and every copy of
// every module sees the same value.
//
// Tests replace a slot with `slot.set(value)` and drop everything built from the environment with
// `resetEnvDerivedState()` after they change process.env.

type Entry = { value: unknown; envDerived: boolean };
type Store = Map<string, Entry>;

const STORE_KEY = Symbol.for("ucw-console.process-state");

function store(): Store {
  const g = globalThis as { [STORE_KEY]?: Store };
  return (g[STORE_KEY] ??= new Map());
}

export type ProcessSlot<T> = {
  readonly key: string;
  /** The value, created on first use. */
  get(): T;
  /** The value if it was created, without creating it. */
  peek(): T | undefined;
  /** Replaces the value (tests, and code that builds the value itself). */
  set(value: T): void;
  /** Forgets the value; the next `get` creates it again. */
  reset(): void;
};

/**
 * Declares a process-wide slot. `envDerived` marks values built from the environment (they are
 * dropped by `resetEnvDerivedState`); process-lifetime values (the request-context storage, the
 * metrics registry) are not.
 */
export function processSlot<T>(key: string, create: () => T, opts: { envDerived: boolean }): ProcessSlot<T> {
  return {
    key,
    get() {
      const s = store();
      const entry = s.get(key);
      if (entry) return entry.value as T;
      const value = create();
      s.set(key, { value, envDerived: opts.envDerived });
      return value;
    },
    peek() {
      return store().get(key)?.value as T | undefined;
    },
    set(value: T) {
      store().set(key, { value, envDerived: opts.envDerived });
    },
    reset() {
      store().delete(key);
    },
  };
}

/** Drops every value built from the environment (tests call it after changing process.env). */
export function resetEnvDerivedState(): void {
  const s = store();
  for (const [key, entry] of s) if (entry.envDerived) s.delete(key);
}

/** The keys currently held, for diagnostics and tests. */
export function processStateKeys(): string[] {
  return [...store().keys()];
}
