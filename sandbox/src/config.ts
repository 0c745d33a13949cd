import { mkdir, open, readFile } from "node:fs/promises";
import path from "node:path";
import { isHexOfLength, randomSeedHex } from "./auth/cobo-signature.js";

// Safety and secrets: the sandbox refuses to run unless the product is in
// sandbox mode, and keeps its secrets (the API secret it trusts, its webhook
// signing key) in 0600 files under the data folder.

/** Throws unless COBO_ENV is unset or "sandbox": no real funds may ever depend on the sandbox. */
export function assertSandboxMode(env: Record<string, string | undefined> = process.env): void {
  const mode = env.COBO_ENV;
  if (mode !== undefined && mode !== "" && mode !== "sandbox") {
    throw new Error(
      `Refusing to start the Cobo sandbox: COBO_ENV is "${mode}". The sandbox only runs when COBO_ENV is unset or "sandbox".`,
    );
  }
}

/** Whether `host` is a loopback address (the sandbox never listens elsewhere). */
export function isLoopbackHost(host: string): boolean {
  return host === "127.0.0.1" || host === "::1" || host === "localhost";
}

async function readOrCreateSeedFile(file: string, what: string): Promise<string> {
  try {
    const text = (await readFile(file, "utf8")).trim();
    if (!isHexOfLength(text, 32)) throw new Error(`${file} does not hold a 32-byte hex ${what}`);
    return text.toLowerCase();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const seed = randomSeedHex();
  try {
    const handle = await open(file, "wx", 0o600);
    try {
      await handle.writeFile(`${seed}\n`, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    return seed;
  } catch (err) {
    // Another process created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return readOrCreateSeedFile(file, what);
    throw err;
  }
}

/** Path of the generated API secret the product's run command also reads. */
export function apiSecretFile(dataDir: string): string {
  return path.join(dataDir, "cobo-api-secret");
}

/** The API secret to trust: the given one (validated), else the data folder's file (created when absent). */
export async function resolveApiSecret(dataDir: string, given: string | undefined): Promise<string> {
  if (given !== undefined && given !== "") {
    if (!isHexOfLength(given.trim(), 32)) throw new Error("COBO_API_SECRET must be a 32-byte hex Ed25519 seed (64 hex characters)");
    return given.trim().toLowerCase();
  }
  return readOrCreateSeedFile(apiSecretFile(dataDir), "API secret");
}

/** The sandbox's own webhook/callback signing seed, kept across resets. */
export async function resolveSigningSecret(sandboxDir: string): Promise<string> {
  return readOrCreateSeedFile(path.join(sandboxDir, "webhook-signing-key"), "webhook signing key");
}
