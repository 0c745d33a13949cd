// The chains the sandbox supports, with Cobo's chain ids, address encodings and
// derivation paths.
//
// Paths are NON-hardened on purpose: MPC/TSS wallets derive child keys without ever
// assembling the root private key, which is only possible with non-hardened BIP32
// derivation (child pubkey = parent pubkey + tweak*G). This is also what lets the
// sandbox create addresses from the root xpub alone, without any key share.
import { HDKey, HARDENED_OFFSET } from "@scure/bip32";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { ripemd160 } from "@noble/hashes/legacy.js";
import { bytesToHex, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import { base58, bech32 } from "@scure/base";

export type SandboxChainId = "XTN" | "SETH" | "TBSC_BNB" | "SOLDEV_SOL";

export type DerivedAddress = { address: string; chain_id: string; path: string; pubkey: string; encoding: string };

type ChainSpec = { coinType: number; encoding: string; addressOf: (compressedPubkey: Uint8Array) => string };

const CHAINS: Record<SandboxChainId, ChainSpec> = {
  // Bitcoin testnet: native SegWit v0 P2WPKH, bech32 HRP "tb", SLIP-44 coin type 1 (testnet).
  XTN: { coinType: 1, encoding: "ENCODING_BECH32", addressOf: p2wpkhTestnetAddress },
  // Ethereum Sepolia: EIP-55 checksummed keccak256 address, SLIP-44 coin type 60.
  SETH: { coinType: 60, encoding: "ENCODING_P2PKH", addressOf: (pub) => evmAddress(pub) },
  // BNB Smart Chain testnet: an EVM chain, so the same coin type, path and address as Sepolia.
  TBSC_BNB: { coinType: 60, encoding: "ENCODING_P2PKH", addressOf: (pub) => evmAddress(pub) },
  // Solana devnet: a base58 32-byte account key. SANDBOX SIMPLIFICATION: Cobo derives Solana
  // addresses from the vault's ED25519 root; the sandbox holds no ED25519 key shares, so it uses
  // the 32-byte x-coordinate of the SECP256K1 child key (and signs with that key). The address has
  // Solana's format; it is not a key a Solana validator would accept.
  SOLDEV_SOL: { coinType: 501, encoding: "ENCODING_P2PKH", addressOf: (pub) => base58.encode(pub.subarray(1, 33)) },
};

// The supported chain ids, in a stable order (for listings).
export const SANDBOX_CHAIN_IDS: readonly SandboxChainId[] = ["XTN", "SETH", "TBSC_BNB", "SOLDEV_SOL"];

/** The EVM chains: one address (same path, same key) is valid on all of them. */
const EVM_CHAIN_IDS: readonly SandboxChainId[] = ["SETH", "TBSC_BNB"];

// Type guard for chain ids coming from requests.
export function isSupportedChain(id: string): id is SandboxChainId {
  return (SANDBOX_CHAIN_IDS as readonly string[]).includes(id);
}

/** Whether the chain is EVM-compatible (its addresses are shared with every other EVM chain). */
export function isEvmChainId(id: string): boolean {
  return (EVM_CHAIN_IDS as readonly string[]).includes(id);
}

/** The key under which address indexes are counted: all EVM chains share one sequence (and one address per index). */
export function addressFamily(chainId: SandboxChainId): string {
  return isEvmChainId(chainId) ? "EVM" : chainId;
}

// The BIP32 path of address `index` on a chain: m/44/{coin}/0/0/{index}, all non-hardened.
export function addressPath(chainId: SandboxChainId, index: number): string {
  if (!Number.isSafeInteger(index) || index < 0 || index >= HARDENED_OFFSET) {
    throw new Error(`address index must be an integer in [0, 2^31), got ${String(index)}`);
  }
  return `m/44/${CHAINS[chainId].coinType}/0/0/${index}`;
}

// Derives address `index` from the PUBLIC root (xpub) only; pubkey is the child's compressed hex key.
export function deriveAddress(xpub: string, chainId: SandboxChainId, index: number): DerivedAddress {
  if (!isSupportedChain(chainId)) throw new Error(`unsupported chain: ${String(chainId)}`);
  const root = parseRootXpub(xpub);
  const path = addressPath(chainId, index);
  const child = root.derive(path);
  const pub = child.publicKey;
  if (!pub) throw new Error("derived key has no public key");
  const spec = CHAINS[chainId];
  return { address: spec.addressOf(pub), chain_id: chainId, path, pubkey: bytesToHex(pub), encoding: spec.encoding };
}

// Encodes a secp256k1 public key (compressed or uncompressed hex) as the chain's address.
export function addressFromPubkey(chainId: SandboxChainId, pubkeyHex: string): string {
  if (!isSupportedChain(chainId)) throw new Error(`unsupported chain: ${String(chainId)}`);
  return CHAINS[chainId].addressOf(parsePubkey(pubkeyHex).toBytes(true));
}

// Checks an address's syntax and checksum for the chain (tb1 v0 20-byte program / EIP-55 if mixed case).
export function isValidAddress(chainId: SandboxChainId, address: string): boolean {
  if (typeof address !== "string") return false;
  if (chainId === "XTN") return isValidTestnetP2wpkh(address);
  if (isEvmChainId(chainId)) return isValidEvmAddress(address);
  if (chainId === "SOLDEV_SOL") return isValidSolanaAddress(address);
  return false;
}

// Applies the EIP-55 mixed-case checksum to a 0x + 40 hex address (any case in, checksummed out).
export function toChecksumAddress(address: string): string {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) throw new Error("not a 0x-prefixed 20-byte hex address");
  const lower = address.slice(2).toLowerCase();
  const hash = bytesToHex(keccak_256(utf8ToBytes(lower)));
  let out = "0x";
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charAt(i);
    out += Number.parseInt(hash.charAt(i), 16) >= 8 ? c.toUpperCase() : c;
  }
  return out;
}

function p2wpkhTestnetAddress(compressedPubkey: Uint8Array): string {
  const program = ripemd160(sha256(compressedPubkey));
  return bech32.encode("tb", [0, ...bech32.toWords(program)]);
}

function evmAddress(pubkey: Uint8Array): string {
  const uncompressed = secp256k1.Point.fromBytes(pubkey).toBytes(false);
  const hash = keccak_256(uncompressed.subarray(1));
  return toChecksumAddress(`0x${bytesToHex(hash.subarray(-20))}`);
}

function isValidTestnetP2wpkh(address: string): boolean {
  const decoded = bech32.decodeUnsafe(address);
  if (!decoded || decoded.prefix !== "tb") return false;
  const [version, ...rest] = decoded.words;
  if (version !== 0) return false;
  const program = bech32.fromWordsUnsafe(rest);
  return program instanceof Uint8Array && program.length === 20;
}

function isValidEvmAddress(address: string): boolean {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return false;
  const body = address.slice(2);
  if (body === body.toLowerCase() || body === body.toUpperCase()) return true;
  return toChecksumAddress(address) === address;
}

function isValidSolanaAddress(address: string): boolean {
  if (!/^[1-9A-HJ-NP-Za-km-z]{32,44}$/.test(address)) return false;
  try {
    return base58.decode(address).length === 32;
  } catch {
    return false;
  }
}

function parseRootXpub(xpub: string): HDKey {
  let key: HDKey;
  try {
    key = HDKey.fromExtendedKey(xpub);
  } catch {
    throw new Error("invalid extended public key");
  }
  if (key.privateKey) throw new Error("deriveAddress takes the root xpub, not an xprv");
  if (key.depth !== 0) throw new Error("expected a root (depth 0) extended public key");
  return key;
}

function parsePubkey(pubkeyHex: string): ReturnType<typeof secp256k1.Point.fromBytes> {
  try {
    return secp256k1.Point.fromBytes(hexToBytes(pubkeyHex));
  } catch {
    throw new Error("invalid secp256k1 public key");
  }
}
