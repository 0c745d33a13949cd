import { describe, expect, it } from "vitest";
import { checkDestination } from "@/lib/server/risk/check-destination";

const EVM = "0x000000000000000000000000000000000000dEaD";

describe("checkDestination", () => {
  it("is open when the chain has no rules (rules of other chains do not apply)", () => {
    expect(checkDestination([{ kind: "allow", chainId: "BTC", address: "bc1q" }], "SETH", EVM)).toEqual({ ok: true });
  });

  it("denies a deny-listed destination on the same chain, comparing EVM addresses case-insensitively", () => {
    const rules = [{ kind: "deny", chainId: "SETH", address: EVM.toLowerCase() }];
    expect(checkDestination(rules, "SETH", EVM)).toMatchObject({ ok: false, code: "destination_denied" });
    expect(checkDestination(rules, "ETH", EVM)).toEqual({ ok: true });
  });

  it("once an allow entry exists for the chain, only listed destinations pass", () => {
    const rules = [{ kind: "allow", chainId: "SETH", address: "0x1111111111111111111111111111111111111111" }];
    expect(checkDestination(rules, "SETH", EVM)).toMatchObject({ ok: false, code: "destination_not_allowed" });
    expect(checkDestination([...rules, { kind: "allow", chainId: "SETH", address: EVM }], "SETH", EVM.toLowerCase())).toEqual({ ok: true });
  });

  it("lets deny win over allow, and compares non-EVM addresses exactly", () => {
    expect(
      checkDestination(
        [
          { kind: "allow", chainId: "SETH", address: EVM },
          { kind: "deny", chainId: "SETH", address: EVM },
        ],
        "SETH",
        EVM,
      ),
    ).toMatchObject({ code: "destination_denied" });
    const base58 = [{ kind: "allow", chainId: "TRON", address: "TAbc" }];
    expect(checkDestination(base58, "TRON", "TABC")).toMatchObject({ code: "destination_not_allowed" });
    expect(checkDestination(base58, "TRON", "TAbc")).toEqual({ ok: true });
  });
});
