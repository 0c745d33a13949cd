import "server-only";

// Addresses are compared as the chain compares them: EVM hex addresses are case-insensitive (mixed
// case is only a checksum), every other format is compared exactly (base58 and friends are
// case-sensitive; Cobo echoes bech32 addresses as they were submitted).

const EVM_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** The form an address is stored and compared in. */
export function addressKey(address: string): string {
  const trimmed = address.trim();
  return EVM_ADDRESS.test(trimmed) ? trimmed.toLowerCase() : trimmed;
}

/** True when both name the same on-chain address. */
export function sameAddress(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  return addressKey(a) === addressKey(b);
}
