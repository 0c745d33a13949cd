// Block explorer links for the chains the product supports, by Cobo chain id: mainnets and the
// testnets the sandbox and Cobo's dev environment use (XTN: Bitcoin testnet3, SETH: Ethereum
// Sepolia). `{value}` is replaced by the URL-encoded hash or address. A chain not listed gets no
// link: a wrong explorer is worse than none. Plain data: the console's components import it.

export type ExplorerTemplates = { name: string; tx: string; address: string };

export const EXPLORERS: Readonly<Record<string, ExplorerTemplates>> = {
  BTC: { name: "mempool.space", tx: "https://mempool.space/tx/{value}", address: "https://mempool.space/address/{value}" },
  XTN: {
    name: "mempool.space (testnet)",
    tx: "https://mempool.space/testnet/tx/{value}",
    address: "https://mempool.space/testnet/address/{value}",
  },
  ETH: { name: "Etherscan", tx: "https://etherscan.io/tx/{value}", address: "https://etherscan.io/address/{value}" },
  SETH: {
    name: "Etherscan (Sepolia)",
    tx: "https://sepolia.etherscan.io/tx/{value}",
    address: "https://sepolia.etherscan.io/address/{value}",
  },
  TRON: { name: "Tronscan", tx: "https://tronscan.org/#/transaction/{value}", address: "https://tronscan.org/#/address/{value}" },
  SOL: { name: "Solscan", tx: "https://solscan.io/tx/{value}", address: "https://solscan.io/account/{value}" },
  BSC_BNB: { name: "BscScan", tx: "https://bscscan.com/tx/{value}", address: "https://bscscan.com/address/{value}" },
  MATIC: { name: "PolygonScan", tx: "https://polygonscan.com/tx/{value}", address: "https://polygonscan.com/address/{value}" },
  ARBITRUM_ETH: { name: "Arbiscan", tx: "https://arbiscan.io/tx/{value}", address: "https://arbiscan.io/address/{value}" },
  BASE_ETH: { name: "BaseScan", tx: "https://basescan.org/tx/{value}", address: "https://basescan.org/address/{value}" },
};

/** The explorer page of a transaction hash or an address on `chainId`, or null (unknown chain, no value). */
export function explorerUrl(chainId: string, kind: "tx" | "address", value: string | null | undefined): string | null {
  if (!value) return null;
  const explorer = Object.hasOwn(EXPLORERS, chainId) ? EXPLORERS[chainId] : undefined;
  return explorer ? explorer[kind].replace("{value}", encodeURIComponent(value)) : null;
}

/** The explorer's name for a chain (link titles), or null. */
export function explorerName(chainId: string): string | null {
  return Object.hasOwn(EXPLORERS, chainId) ? EXPLORERS[chainId]!.name : null;
}
