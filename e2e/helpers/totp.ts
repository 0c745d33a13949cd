import { Secret, TOTP } from "otpauth";

// The authenticator app in e2e specs: the same library and parameters the server uses (otpauth).

/** What the authenticator app shows at `ms` for this base32 secret. */
export function codeAt(secret: string, ms: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: ms });
}
