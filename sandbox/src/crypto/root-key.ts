// The sandbox's real BIP32 root key for one key share holder group's wallets.
//
// Serialization uses BIP32 *mainnet* version bytes throughout (xprv 0x0488ADE4 /
// xpub 0x0488B21E, the @scure/bip32 default) even though the sandbox's chains are
// testnets: the version bytes only label the serialization, derivation and keys are
// identical, and one consistent choice keeps every module interoperable.
import { ed25519 } from "@noble/curves/ed25519.js";
import { HDKey } from "@scure/bip32";
import { bytesToHex, randomBytes } from "@noble/hashes/utils.js";

export type RootKey = { xprv: string; xpub: string; rootPubkey: string };

/** Bytes of fresh CSPRNG seed per root key (BIP32 allows 16..64; 32 = 256 bits). */
const SEED_BYTES = 32;

// Builds the root key from a caller-supplied seed; exists so BIP32 test vectors can pin derivation.
export function rootKeyFromSeed(seed: Uint8Array): RootKey {
  const root = HDKey.fromMasterSeed(seed);
  try {
    return describeRoot(root);
  } finally {
    root.wipePrivateData();
  }
}

// Creates a new random root key (mainnet xprv/xpub serialization); rootPubkey is the compressed hex key.
export function generateRootKey(): RootKey {
  const seed = randomBytes(SEED_BYTES);
  try {
    return rootKeyFromSeed(seed);
  } finally {
    seed.fill(0);
  }
}

// Returns the compressed (66 hex chars) public key of a root xprv; throws if it is not a depth-0 private key.
export function rootPubkeyOf(xprv: string): string {
  const root = parseRootXprv(xprv);
  try {
    return publicKeyHex(root);
  } finally {
    root.wipePrivateData();
  }
}

// Parses a serialized root private key, refusing xpubs and non-root (depth > 0) keys.
export function parseRootXprv(xprv: string): HDKey {
  let key: HDKey;
  try {
    key = HDKey.fromExtendedKey(xprv);
  } catch {
    throw new Error("invalid extended private key");
  }
  if (!key.privateKey) throw new Error("expected an extended private key (xprv), got a public key");
  if (key.depth !== 0) throw new Error("expected a root (depth 0) extended private key");
  return key;
}

function describeRoot(root: HDKey): RootKey {
  return { xprv: root.privateExtendedKey, xpub: root.publicExtendedKey, rootPubkey: publicKeyHex(root) };
}

function publicKeyHex(key: HDKey): string {
  const pub = key.publicKey;
  if (!pub) throw new Error("key has no public key");
  return bytesToHex(pub);
}

/**
 * The public half of a vault's ED25519 root. Cobo gives every vault a root key per curve
 * (SECP256K1 and ED25519); the sandbox serves no ED25519 chain, so it reports a real Ed25519
 * public key for the wire format and keeps no private key and no shares of it at all.
 */
export function generateEd25519RootPubkey(): string {
  const secret = ed25519.utils.randomSecretKey();
  try {
    return bytesToHex(ed25519.getPublicKey(secret));
  } finally {
    secret.fill(0);
  }
}
