import { formatAmount, parseAmount } from "./amounts.js";
import { CoboError, ErrorCode } from "../http/errors.js";

// The chains and tokens this sandbox enables (Bitcoin testnet XTN and Ethereum
// Sepolia SETH) and its deterministic fee market.

/** Chain ids the sandbox supports. */
export type ChainId = "XTN" | "SETH";

/** Cobo's ChainInfo. */
export interface ChainInfo {
  chain_id: ChainId;
  symbol: string;
  icon_url: string;
  explorer_tx_url: string;
  explorer_address_url: string;
  require_memo: boolean;
  confirming_threshold: number;
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
  },
  {
    chain_id: "SETH",
    symbol: "SETH",
    icon_url: "https://d.cobo.com/public/logos/ETH.png",
    explorer_tx_url: "https://sepolia.etherscan.io/tx/{txn_id}",
    explorer_address_url: "https://sepolia.etherscan.io/address/{address}",
    require_memo: false,
    confirming_threshold: 6,
  },
];

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
];

/** The chain with this id, if enabled. */
export function findChain(chainId: string): ChainInfo | undefined {
  return CHAINS.find((c) => c.chain_id === chainId);
}

/** The token with this id, if enabled. */
export function findToken(tokenId: string): TokenInfo | undefined {
  return TOKENS.find((t) => t.token_id === tokenId);
}

/** Fee types Cobo knows. */
export type FeeType = "Fixed" | "EVM_EIP_1559" | "EVM_Legacy" | "UTXO";

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

/** The fee types a token's chain accepts, default first. */
export function feeTypesFor(token: TokenInfo): FeeType[] {
  return token.chain_id === "XTN" ? ["UTXO"] : ["EVM_EIP_1559", "EVM_Legacy"];
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
  if (feeType === "EVM_EIP_1559") {
    const level = (r: { max_fee_per_gas: string; max_priority_fee_per_gas: string }) => ({ ...r, gas_limit: EVM_TRANSFER_GAS.toString() });
    return {
      fee_type: "EVM_EIP_1559",
      token_id: feeToken.token_id,
      slow: level(EIP1559_RATES.slow),
      recommended: level(EIP1559_RATES.recommended),
      fast: level(EIP1559_RATES.fast),
    };
  }
  if (feeType === "EVM_Legacy") {
    const level = (gasPrice: string) => ({ gas_price: gasPrice, gas_limit: EVM_TRANSFER_GAS.toString() });
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
  if (!UINT_RE.test(value)) throw new CoboError(400, ErrorCode.invalidParameter, `Invalid parameter fee.${name}: must be an integer in wei`);
  return BigInt(value);
}

/** Resolves the fee of a transfer (the recommended level when none is given). */
export function resolveFee(token: TokenInfo, requested: RequestedFee | undefined): ResolvedFee {
  const feeToken = findToken(token.fee_token_id) ?? token;
  const allowed = feeTypesFor(token);
  const fee: RequestedFee = requested ?? defaultRequestedFee(token);
  if (!allowed.includes(fee.fee_type)) {
    throw new CoboError(400, ErrorCode.invalidParameter, `Invalid parameter fee.fee_type: ${fee.fee_type} is not supported on ${token.chain_id}`);
  }
  if (fee.token_id !== feeToken.token_id) {
    throw new CoboError(400, ErrorCode.invalidParameter, `Invalid parameter fee.token_id: the fee token of ${token.token_id} is ${feeToken.token_id}`);
  }
  let base: bigint;
  let wire: Record<string, string>;
  if (fee.fee_type === "UTXO") {
    if (fee.fee_rate === undefined) throw new CoboError(400, ErrorCode.missingParameter, "Missing required parameter: fee.fee_rate");
    base = utxoFeeBase(fee.fee_rate);
    wire = { fee_type: "UTXO", token_id: feeToken.token_id, fee_rate: fee.fee_rate };
  } else if (fee.fee_type === "EVM_EIP_1559") {
    const gasLimit = uintField(fee.gas_limit, "gas_limit", EVM_TRANSFER_GAS);
    const maxFee = uintField(fee.max_fee_per_gas, "max_fee_per_gas");
    const prio = uintField(fee.max_priority_fee_per_gas, "max_priority_fee_per_gas");
    if (gasLimit < EVM_TRANSFER_GAS) throw new CoboError(400, ErrorCode.invalidParameter, "Invalid parameter fee.gas_limit: below 21000");
    if (prio > maxFee) throw new CoboError(400, ErrorCode.invalidParameter, "Invalid parameter fee.max_priority_fee_per_gas: exceeds max_fee_per_gas");
    base = gasLimit * maxFee;
    wire = {
      fee_type: "EVM_EIP_1559",
      token_id: feeToken.token_id,
      max_fee_per_gas: maxFee.toString(),
      max_priority_fee_per_gas: prio.toString(),
      gas_limit: gasLimit.toString(),
    };
  } else {
    const gasLimit = uintField(fee.gas_limit, "gas_limit", EVM_TRANSFER_GAS);
    const gasPrice = uintField(fee.gas_price, "gas_price");
    if (gasLimit < EVM_TRANSFER_GAS) throw new CoboError(400, ErrorCode.invalidParameter, "Invalid parameter fee.gas_limit: below 21000");
    base = gasLimit * gasPrice;
    wire = { fee_type: "EVM_Legacy", token_id: feeToken.token_id, gas_price: gasPrice.toString(), gas_limit: gasLimit.toString() };
  }
  if (fee.max_fee_amount !== undefined) {
    const max = parseAmount(fee.max_fee_amount, feeToken.decimal);
    if (max === null) throw new CoboError(400, ErrorCode.invalidParameter, "Invalid parameter fee.max_fee_amount");
    if (base > max) throw new CoboError(400, ErrorCode.invalidParameter, "Invalid parameter fee: the fee exceeds max_fee_amount");
    wire.max_fee_amount = fee.max_fee_amount;
  }
  return { wire, base, feeTokenId: feeToken.token_id };
}

function defaultRequestedFee(token: TokenInfo): RequestedFee {
  if (token.chain_id === "XTN") return { fee_type: "UTXO", token_id: token.fee_token_id, fee_rate: UTXO_RATES.recommended };
  return { fee_type: "EVM_EIP_1559", token_id: token.fee_token_id, ...EIP1559_RATES.recommended };
}
