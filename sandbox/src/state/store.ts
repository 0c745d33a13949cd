import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { SandboxState } from "./types.js";

// One JSON document holds the whole state. Mutations are synchronous functions
// run one at a time (Node's event loop serializes them); a failed mutation is
// rolled back; every mutation is durably written (temp file + fsync + rename)
// before `mutate` resolves, so an HTTP answer never reports unsaved state.

const STATE_FILE = "state.json";

async function writeFileAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const handle = await open(tmp, "w", 0o600);
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
  try {
    const dir = await open(path.dirname(file), "r");
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    // Directory fsync is not supported everywhere; the rename is still atomic.
  }
}

/** The persisted state document and its serialized, durable mutations. */
export class StateStore {
  private current: SandboxState;
  private writing: Promise<void> | null = null;
  private dirty = false;
  private closed = false;

  private constructor(
    private readonly file: string,
    initial: SandboxState,
  ) {
    this.current = initial;
  }

  /** Opens (or creates with `init`) the state in `dir`. */
  static async open(dir: string, init: () => SandboxState): Promise<StateStore> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const file = path.join(dir, STATE_FILE);
    let state: SandboxState;
    try {
      const text = await readFile(file, "utf8");
      state = JSON.parse(text) as SandboxState;
      if (state.version !== 1) throw new Error(`unsupported sandbox state version in ${file}`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      state = init();
      await writeFileAtomic(file, JSON.stringify(state));
    }
    return new StateStore(file, state);
  }

  /** Deletes the state file in `dir` (the reset command). */
  static async remove(dir: string): Promise<void> {
    await rm(path.join(dir, STATE_FILE), { force: true });
  }

  /** The live state; read it, never change it outside `mutate`. */
  get state(): SandboxState {
    return this.current;
  }

  /** Runs `fn` on the state (rolled back if it throws) and resolves once saved. */
  async mutate<T>(fn: (state: SandboxState) => T): Promise<T> {
    if (this.closed) throw new Error("sandbox state is closed");
    const before = JSON.stringify(this.current);
    let result: T;
    try {
      result = fn(this.current);
    } catch (err) {
      this.current = JSON.parse(before) as SandboxState;
      throw err;
    }
    // Nothing changed (e.g. a timer step with nothing to do): no write needed.
    if (JSON.stringify(this.current) === before && !this.dirty && !this.writing) return result;
    await this.flush();
    return result;
  }

  /** Replaces the whole state (reset) and saves it. */
  async replace(next: SandboxState): Promise<void> {
    this.current = next;
    await this.flush();
  }

  /** Waits for pending writes and refuses further mutations. */
  async close(): Promise<void> {
    while (this.writing) await this.writing;
    if (this.dirty) await this.flush();
    this.closed = true;
  }

  private async flush(): Promise<void> {
    this.dirty = true;
    while (this.writing) await this.writing;
    if (!this.dirty) return;
    this.dirty = false;
    const text = JSON.stringify(this.current);
    this.writing = writeFileAtomic(this.file, text).finally(() => {
      this.writing = null;
    });
    await this.writing;
  }
}
