// Exact decimal amounts: token amounts are decimal strings on the wire and
// bigints of base units (satoshi, wei) inside. Never a JS float.

const DECIMAL_RE = /^(\d+)(?:\.(\d+))?$/;

/** Parses a non-negative decimal string into base units; null when malformed or too precise. */
export function parseAmount(value: string, decimals: number): bigint | null {
  const m = DECIMAL_RE.exec(value.trim());
  if (!m) return null;
  const whole = m[1] ?? "0";
  const frac = m[2] ?? "";
  if (frac.length > decimals && /[1-9]/.test(frac.slice(decimals))) return null;
  const fracPadded = (frac.slice(0, decimals) + "0".repeat(decimals)).slice(0, decimals);
  return BigInt(whole) * 10n ** BigInt(decimals) + (decimals > 0 ? BigInt(fracPadded) : 0n);
}

/** Formats base units as a decimal string without trailing zeros ("0" for zero). */
export function formatAmount(base: bigint, decimals: number): string {
  const negative = base < 0n;
  const abs = negative ? -base : base;
  const unit = 10n ** BigInt(decimals);
  const whole = abs / unit;
  const frac = abs % unit;
  let out = whole.toString();
  if (decimals > 0 && frac > 0n) {
    out += "." + frac.toString().padStart(decimals, "0").replace(/0+$/, "");
  }
  return negative ? `-${out}` : out;
}
