import { formatAmount, parseAmount } from "./amounts.js";
import { CoboError, ErrorCode } from "../http/errors.js";

// The chains and tokens this sandbox enables, with Cobo's ids for its dev environment: Bitcoin
// testnet XTN (UTXO fees), two EVM chains (Ethereum Sepolia SETH, EIP-1559 by default, and BNB
// Smart Chain testnet TBSC_BNB, legacy gas price by default, with an ERC-20 token TBSC_USDT) and
// Solana devnet SOLDEV_SOL (SOL fees: compute units), and its deterministic fee market.

/** Chain ids the sandbox supports. */
export type ChainId = "XTN" | "SETH" | "TBSC_BNB" | "SOLDEV_SOL";

/** Cobo's ChainInfo. */
export interface ChainInfo {
  chain_id: ChainId;
  symbol: string;
  icon_url: string;
  explorer_tx_url: string;
  explorer_address_url: string;
  require_memo: boolean;
  confirming_threshold: number;
  /** Groups chains with the same execution logic: "ETH" for every EVM-compatible chain. */
  chain_identifier: string;
  caip2_chain_id: string;
}

/** Cobo's ExtendedTokenInfo. */
export interface TokenInfo {
  token_id: string;
  chain_id: ChainId;
  symbol: string;
  name: string;
  decimal: number;
  icon_url: string;
  token_address: string;
  fee_token_id: string;
  can_deposit: boolean;
  can_withdraw: boolean;
  dust_threshold: string;
  custodial_minimum_deposit_threshold: string;
  asset_model_type: "UTXO" | "Account";
}

/** Enabled chains, in list order. */
export const CHAINS: readonly ChainInfo[] = [
  {
    chain_id: "XTN",
    symbol: "XTN",
    icon_url: "https://d.cobo.com/public/logos/XTN.png",
    explorer_tx_url: "https://mempool.space/testnet/tx/{txn_id}",
    explorer_address_url: "https://mempool.space/testnet/address/{address}",
    require_memo: false,
    confirming_threshold: 3,
    chain_identifier: "BTC",
    caip2_chain_id: "bip122:000000000933ea01ad0ee984209779ba",
  },
  {
    chain_id: "SETH",
    symbol: "SETH",
    icon_url: "https://d.cobo.com/public/logos/ETH.png",
    explorer_tx_url: "https://sepolia.etherscan.io/tx/{txn_id}",
    explorer_address_url: "https://sepolia.etherscan.io/address/{address}",
    require_memo: false,
    confirming_threshold: 6,
    chain_identifier: "ETH",
    caip2_chain_id: "eip155:11155111",
  },
  {
    chain_id: "TBSC_BNB",
    symbol: "TBSC_BNB",
    icon_url: "https://d.cobo.com/public/logos/BNB.png",
    explorer_tx_url: "https://testnet.bscscan.com/tx/{txn_id}",
    explorer_address_url: "https://testnet.bscscan.com/address/{address}",
    require_memo: false,
    confirming_threshold: 15,
    chain_identifier: "ETH",
    caip2_chain_id: "eip155:97",
  },
  {
    chain_id: "SOLDEV_SOL",
    symbol: "SOLDEV_SOL",
    icon_url: "https://d.cobo.com/public/logos/SOL.png",
    explorer_tx_url: "https://explorer.solana.com/tx/{txn_id}?cluster=devnet",
    explorer_address_url: "https://explorer.solana.com/address/{address}?cluster=devnet",
    require_memo: false,
    confirming_threshold: 1,
    chain_identifier: "SOL",
    caip2_chain_id: "solana:EtWTRABZaYq6iMfeYKouRu166VU2xqa1",
  },
];

/** Whether a chain is EVM-compatible: one address (same key and path) works on all of them. */
export function isEvmChain(chainId: string): boolean {
  return findChain(chainId)?.chain_identifier === "ETH";
}

/** Whether an address created on `addressChain` can be used on `chain`: the same chain, or two EVM chains. */
export function addressUsableOn(addressChain: string, chain: string): boolean {
  return addressChain === chain || (isEvmChain(addressChain) && isEvmChain(chain));
}

/** Enabled tokens, in list order. */
export const TOKENS: readonly TokenInfo[] = [
  {
    token_id: "XTN",
    chain_id: "XTN",
    symbol: "XTN",
    name: "Bitcoin Testnet",
    decimal: 8,
    icon_url: "https://d.cobo.com/public/logos/XTN.png",
    token_address: "",
    fee_token_id: "XTN",
    can_deposit: true,
    can_withdraw: true,
    dust_threshold: "0.00000546",
    custodial_minimum_deposit_threshold: "0.00000546",
    asset_model_type: "UTXO",
  },
  {
    token_id: "SETH",
    chain_id: "SETH",
    symbol: "SETH",
    name: "Sepolia Ether",
    decimal: 18,
    icon_url: "https://d.cobo.com/public/logos/ETH.png",
    token_address: "",
    fee_token_id: "SETH",
    can_deposit: true,
    can_withdraw: true,
    dust_threshold: "0",
    custodial_minimum_deposit_threshold: "0",
    asset_model_type: "Account",
  },
  {
    token_id: "TBSC_BNB",
    chain_id: "TBSC_BNB",
    symbol: "TBNB",
    name: "BNB Smart Chain Testnet BNB",
    decimal: 18,
    icon_url: "https://d.cobo.com/public/logos/BNB.png",
    token_address: "",
    fee_token_id: "TBSC_BNB",
    can_deposit: true,
    can_withdraw: true,
    dust_threshold: "0",
    custodial_minimum_deposit_threshold: "0",
    asset_model_type: "Account",
  },
  {
    token_id: "TBSC_USDT",
    chain_id: "TBSC_BNB",
    symbol: "USDT",
    name: "Tether USD (BSC testnet, ERC-20)",
    decimal: 18,
    icon_url: "https://d.cobo.com/public/logos/USDT.png",
    token_address: "0x337610d27c682E347C9cD60BD4b3b107C9d34dDd",
    fee_token_id: "TBSC_BNB",
    can_deposit: true,
    can_withdraw: true,
    dust_threshold: "0",
    custodial_minimum_deposit_threshold: "0",
    asset_model_type: "Account",
  },
  {
    token_id: "SOLDEV_SOL",
    chain_id: "SOLDEV_SOL",
    symbol: "SOL",
    name: "Solana Devnet",
    decimal: 9,
    icon_url: "https://d.cobo.com/public/logos/SOL.png",
    token_address: "",
    fee_token_id: "SOLDEV_SOL",
    can_deposit: true,
    can_withdraw: true,
    dust_threshold: "0",
    custodial_minimum_deposit_threshold: "0",
    asset_model_type: "Account",
  },
];

/** The chain with this id, if enabled. */
export function findChain(chainId: string): ChainInfo | undefined {
  return CHAINS.find((c) => c.chain_id === chainId);
}

/** The token with this id, if enabled. */
export function findToken(tokenId: string): TokenInfo | undefined {
  return TOKENS.find((t) => t.token_id === tokenId);
}

/** Fee types Cobo knows (FeeType). */
export type FeeType = "Fixed" | "EVM_EIP_1559" | "EVM_Legacy" | "UTXO" | "SOL" | "FIL";
export const FEE_TYPES: readonly FeeType[] = ["Fixed", "EVM_EIP_1559", "EVM_Legacy", "UTXO", "SOL", "FIL"];

/** Cobo's FeeLevel: Cobo prices the fee at this level of its estimate. */
export type FeeLevel = "Slow" | "Recommended" | "Fast";

/** Virtual size (vbytes) the sandbox charges for every UTXO transfer. */
export const UTXO_TX_VBYTES = 250n;
/** Gas limit of a plain EVM value transfer. */
export const EVM_TRANSFER_GAS = 21000n;

const UTXO_RATES = { slow: "2", recommended: "5", fast: "10" } as const;
const EIP1559_RATES = {
  slow: { max_fee_per_gas: "1200000000", max_priority_fee_per_gas: "1000000000" },
  recommended: { max_fee_per_gas: "2000000000", max_priority_fee_per_gas: "1500000000" },
  fast: { max_fee_per_gas: "3000000000", max_priority_fee_per_gas: "2000000000" },
} as const;
const LEGACY_RATES = { slow: "1100000000", recommended: "1500000000", fast: "2500000000" } as const;
/** Solana: 5 000 lamports per signature, plus compute_unit_price micro-lamports per compute unit. */
const SOL_BASE_FEE_LAMPORTS = 5000n;
const SOL_TRANSFER_COMPUTE_UNITS = 200000n;
const SOL_CU_PRICES = { slow: "0", recommended: "1000", fast: "10000" } as const;
/** Gas of an ERC-20 transfer (a plain value transfer is 21 000). */
export const ERC20_TRANSFER_GAS = 65000n;

/** The fee types a token's chain accepts, default first. */
export function feeTypesFor(token: TokenInfo): FeeType[] {
  if (token.chain_id === "XTN") return ["UTXO"];
  if (token.chain_id === "SOLDEV_SOL") return ["SOL"];
  // BNB Smart Chain prices gas the legacy way by default; Sepolia by EIP-1559.
  if (token.chain_id === "TBSC_BNB") return ["EVM_Legacy", "EVM_EIP_1559"];
  return ["EVM_EIP_1559", "EVM_Legacy"];
}

/** Gas a transfer of this token needs: more for a token contract call than for the native coin. */
export function transferGas(token: TokenInfo): bigint {
  return token.token_address ? ERC20_TRANSFER_GAS : EVM_TRANSFER_GAS;
}

/** Lamports a Solana transfer pays at `price` micro-lamports per compute unit for `limit` units (rounded up). */
export function solFeeBase(price: string, limit: bigint): bigint {
  const scaled = parseAmount(price, 6);
  if (scaled === null) throw new CoboError(400, ErrorCode.invalidParameter, "Invalid parameter fee.compute_unit_price");
  const micro = 10n ** 12n;
  return SOL_BASE_FEE_LAMPORTS + (scaled * limit + micro - 1n) / micro;
}

/** Fee base units of a UTXO transfer at `feeRate` sat/vB (rounded up). */
export function utxoFeeBase(feeRate: string): bigint {
  const scaled = parseAmount(feeRate, 8);
  if (scaled === null || scaled <= 0n) throw new CoboError(400, ErrorCode.invalidParameter, "Invalid parameter fee.fee_rate");
  const unit = 10n ** 8n;
  return (scaled * UTXO_TX_VBYTES + unit - 1n) / unit;
}

/** Cobo's EstimatedFee for a token and fee type (slow / recommended / fast). */
export function estimateFeeFor(token: TokenInfo, feeType: FeeType): Record<string, unknown> {
  const feeToken = findToken(token.fee_token_id) ?? token;
  if (feeType === "UTXO") {
    const level = (rate: string) => ({ fee_rate: rate, fee_amount: formatAmount(utxoFeeBase(rate), feeToken.decimal) });
    return {
      fee_type: "UTXO",
      token_id: feeToken.token_id,
      slow: level(UTXO_RATES.slow),
      recommended: level(UTXO_RATES.recommended),
      fast: level(UTXO_RATES.fast),
    };
  }
  if (feeType === "SOL") {
    const level = (price: string) => ({
      compute_unit_price: price,
      compute_unit_limit: SOL_TRANSFER_COMPUTE_UNITS.toString(),
      base_fee: formatAmount(SOL_BASE_FEE_LAMPORTS, feeToken.decimal),
    });
    return {
      fee_type: "SOL",
      token_id: feeToken.token_id,
      slow: level(SOL_CU_PRICES.slow),
      recommended: level(SOL_CU_PRICES.recommended),
      fast: level(SOL_CU_PRICES.fast),
    };
  }
  const gas = transferGas(token).toString();
  if (feeType === "EVM_EIP_1559") {
    const level = (r: { max_fee_per_gas: string; max_priority_fee_per_gas: string }) => ({ ...r, gas_limit: gas });
    return {
      fee_type: "EVM_EIP_1559",
      token_id: feeToken.token_id,
      slow: level(EIP1559_RATES.slow),
      recommended: level(EIP1559_RATES.recommended),
      fast: level(EIP1559_RATES.fast),
    };
  }
  if (feeType === "EVM_Legacy") {
    const level = (gasPrice: string) => ({ gas_price: gasPrice, gas_limit: gas });
    return {
      fee_type: "EVM_Legacy",
      token_id: feeToken.token_id,
      slow: level(LEGACY_RATES.slow),
      recommended: level(LEGACY_RATES.recommended),
      fast: level(LEGACY_RATES.fast),
    };
  }
  throw new CoboError(400, ErrorCode.invalidParameter, `Invalid parameter fee_type: ${feeType} is not supported on ${token.chain_id}`);
}

/** The fee a transfer request asks for, as sent in TransferParams.fee. */
export interface RequestedFee {
  fee_type: FeeType;
  token_id: string;
  fee_rate?: string | undefined;
  max_fee_amount?: string | undefined;
  gas_limit?: string | undefined;
  max_fee_per_gas?: string | undefined;
  max_priority_fee_per_gas?: string | undefined;
  gas_price?: string | undefined;
  compute_unit_price?: string | undefined;
  compute_unit_limit?: string | undefined;
  gas_fee_cap?: string | undefined;
  gas_premium?: string | undefined;
}

/** A resolved fee: what is recorded on the transaction and how much it costs. */
export interface ResolvedFee {
  /** Transaction.fee as Cobo reports it before `fee_used` is known. */
  wire: Record<string, string>;
  /** Fee in base units of the fee token. */
  base: bigint;
  feeTokenId: string;
}

const UINT_RE = /^\d+$/;

function uintField(value: string | undefined, name: string, fallback?: bigint): bigint {
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw new CoboError(400, ErrorCode.missingParameter, `Missing required parameter: fee.${name}`);
  }
  if (!UINT_RE.test(value))
    throw new CoboError(400, ErrorCode.invalidParameter, `Invalid parameter fee.${name}: must be an integer in wei`);
  return BigInt(value);
}

/**
 * Resolves the fee of a transfer: the fee given, or the estimate's level `level` (TransferParams
 * fee_level), or the recommended level when neither is given. Cobo refuses both at once.
 */
export function resolveFee(token: TokenInfo, requested: RequestedFee | undefined, level?: FeeLevel): ResolvedFee {
  const feeToken = findToken(token.fee_token_id) ?? token;
  const allowed = feeTypesFor(token);
  if (requested && level) {
    throw new CoboError(400, ErrorCode.invalidParameter, "Invalid parameter fee_level: fee and fee_level cannot both be specified");
  }
  const fee: RequestedFee = requested ?? levelFee(token, level ?? "Recommended");
  if (!allowed.includes(fee.fee_type)) {
    throw new CoboError(
      400,
      ErrorCode.invalidParameter,
      `Invalid parameter fee.fee_type: ${fee.fee_type} is not supported on ${token.chain_id}`,
    );
  }
  if (fee.token_id !== feeToken.token_id) {
    throw new CoboError(
      400,
      ErrorCode.invalidParameter,
      `Invalid parameter fee.token_id: the fee token of ${token.token_id} is ${feeToken.token_id}`,
    );
  }
  let base: bigint;
  let wire: Record<string, string>;
  const minGas = transferGas(token);
  if (fee.fee_type === "UTXO") {
    if (fee.fee_rate === undefined) throw new CoboError(400, ErrorCode.missingParameter, "Missing required parameter: fee.fee_rate");
    base = utxoFeeBase(fee.fee_rate);
    wire = { fee_type: "UTXO", token_id: feeToken.token_id, fee_rate: fee.fee_rate };
  } else if (fee.fee_type === "SOL") {
    if (fee.compute_unit_price === undefined)
      throw new CoboError(400, ErrorCode.missingParameter, "Missing required parameter: fee.compute_unit_price");
    const limit = uintField(fee.compute_unit_limit, "compute_unit_limit");
    if (limit <= 0n) throw new CoboError(400, ErrorCode.invalidParameter, "Invalid parameter fee.compute_unit_limit: must be positive");
    base = solFeeBase(fee.compute_unit_price, limit);
    wire = {
      fee_type: "SOL",
      token_id: feeToken.token_id,
      compute_unit_price: fee.compute_unit_price,
      compute_unit_limit: limit.toString(),
    };
  } else if (fee.fee_type === "EVM_EIP_1559") {
    const gasLimit = uintField(fee.gas_limit, "gas_limit", minGas);
    const maxFee = uintField(fee.max_fee_per_gas, "max_fee_per_gas");
    const prio = uintField(fee.max_priority_fee_per_gas, "max_priority_fee_per_gas");
    if (gasLimit < minGas) throw new CoboError(400, ErrorCode.invalidParameter, `Invalid parameter fee.gas_limit: below ${minGas}`);
    if (prio > maxFee)
      throw new CoboError(400, ErrorCode.invalidParameter, "Invalid parameter fee.max_priority_fee_per_gas: exceeds max_fee_per_gas");
    base = gasLimit * maxFee;
    wire = {
      fee_type: "EVM_EIP_1559",
      token_id: feeToken.token_id,
      max_fee_per_gas: maxFee.toString(),
      max_priority_fee_per_gas: prio.toString(),
      gas_limit: gasLimit.toString(),
    };
  } else if (fee.fee_type === "EVM_Legacy") {
    const gasLimit = uintField(fee.gas_limit, "gas_limit", minGas);
    const gasPrice = uintField(fee.gas_price, "gas_price");
    if (gasLimit < minGas) throw new CoboError(400, ErrorCode.invalidParameter, `Invalid parameter fee.gas_limit: below ${minGas}`);
    base = gasLimit * gasPrice;
    wire = { fee_type: "EVM_Legacy", token_id: feeToken.token_id, gas_price: gasPrice.toString(), gas_limit: gasLimit.toString() };
  } else {
    // Fixed and FIL: no sandbox chain uses them (refused above by feeTypesFor).
    throw new CoboError(
      400,
      ErrorCode.invalidParameter,
      `Invalid parameter fee.fee_type: ${fee.fee_type} is not supported on ${token.chain_id}`,
    );
  }
  if (fee.max_fee_amount !== undefined) {
    const max = parseAmount(fee.max_fee_amount, feeToken.decimal);
    if (max === null) throw new CoboError(400, ErrorCode.invalidParameter, "Invalid parameter fee.max_fee_amount");
    if (base > max) throw new CoboError(400, ErrorCode.invalidParameter, "Invalid parameter fee: the fee exceeds max_fee_amount");
    wire.max_fee_amount = fee.max_fee_amount;
  }
  return { wire, base, feeTokenId: feeToken.token_id };
}

/** The fee of one level of the estimate for the chain's default fee type (what fee_level asks Cobo for). */
function levelFee(token: TokenInfo, level: FeeLevel): RequestedFee {
  const feeType = feeTypesFor(token)[0] ?? "UTXO";
  const estimate = estimateFeeFor(token, feeType);
  const key = level === "Slow" ? "slow" : level === "Fast" ? "fast" : "recommended";
  const chosen = (estimate[key] ?? {}) as Record<string, string>;
  return { fee_type: feeType, token_id: String(estimate.token_id), ...chosen };
}
