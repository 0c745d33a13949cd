import { hash, verify } from "@node-rs/argon2";

// Password hashing with argon2id at OWASP's recommended minimum (19 MiB, t=2, p=1). The encoded
// hash carries its own parameters, so raising them later keeps old hashes verifiable.

// 2 is Algorithm.Argon2id: the package's enum is a const enum, which isolatedModules cannot import.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Hashes a password; refuses ones outside the allowed length. */
export async function hashPassword(password: string): Promise<string> {
  if (password.length < PASSWORD_MIN_LENGTH) throw new Error(`password must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > PASSWORD_MAX_LENGTH) throw new Error(`password must be at most ${PASSWORD_MAX_LENGTH} characters`);
  return hash(password, OPTIONS);
}

/** Verifies a password against an encoded argon2 hash; false (never a throw) on any mismatch or malformed hash. */
export async function verifyPassword(encoded: string | null | undefined, password: string): Promise<boolean> {
  if (!encoded || password.length === 0 || password.length > PASSWORD_MAX_LENGTH) return false;
  try {
    return await verify(encoded, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/** Spends the same time as a real verification, so unknown emails are not distinguishable by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hash("an-unused-password-for-timing", OPTIONS);
  await verifyPassword(await dummy, password.slice(0, PASSWORD_MAX_LENGTH) || "x");
}
