import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

// Secrets the embedded defaults need, generated once into the data folder (mode 0600, outside git):
// the console's session secret and, in sandbox mode, the Cobo API secret the sandbox trusts.

/** Reads `<dataDir>/<name>`, creating it with `bytes` random bytes (hex) when absent. */
export async function ensureLocalSecret(dataDir: string, name: string, bytes = 32): Promise<string> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, name);
  try {
    const existing = (await readFile(file, "utf8")).trim();
    if (existing.length > 0) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const value = randomBytes(bytes).toString("hex");
  try {
    await writeFile(file, `${value}\n`, { mode: 0o600, flag: "wx" });
    return value;
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return (await readFile(file, "utf8")).trim();
    throw error;
  }
}
