import { describe, expect, it } from "vitest";
import { EXPLORERS, explorerUrl } from "@/lib/domain/explorers";

describe("explorer links", () => {
  it("links hashes and addresses per chain, testnets to their testnet explorer", () => {
    expect(explorerUrl("XTN", "tx", "ab12")).toBe("https://mempool.space/testnet/tx/ab12");
    expect(explorerUrl("BTC", "address", "bc1qxyz")).toBe("https://mempool.space/address/bc1qxyz");
    expect(explorerUrl("SETH", "tx", "0xdead")).toBe("https://sepolia.etherscan.io/tx/0xdead");
    expect(explorerUrl("ETH", "address", "0xAbC")).toBe("https://etherscan.io/address/0xAbC");
  });

  it("gives no link for an unknown chain, an inherited key or no value", () => {
    expect(explorerUrl("DOGE_TEST", "tx", "ab")).toBeNull();
    expect(explorerUrl("__proto__", "tx", "ab")).toBeNull();
    expect(explorerUrl("constructor", "address", "ab")).toBeNull();
    expect(explorerUrl("XTN", "tx", null)).toBeNull();
    expect(explorerUrl("XTN", "tx", "")).toBeNull();
  });

  it("encodes the value, so a stored value cannot change the URL's path or host", () => {
    expect(explorerUrl("ETH", "tx", "../../evil?x=1#y")).toBe("https://etherscan.io/tx/..%2F..%2Fevil%3Fx%3D1%23y");
  });

  it("every template is https and names both kinds", () => {
    for (const [chain, e] of Object.entries(EXPLORERS)) {
      expect(e.tx, chain).toMatch(/^https:\/\/[^{}]+\{value\}$/);
      expect(e.address, chain).toMatch(/^https:\/\/[^{}]+\{value\}$/);
    }
  });
});
