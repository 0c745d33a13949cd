import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { judgeCallbackUrl, sameCallbackUrl } from "@/lib/server/risk/callback-link";
import { evaluateTransferRules, type TransferRuleFacts } from "@/lib/server/risk/evaluate-transfer-rules";

const DST = "0x000000000000000000000000000000000000dEaD";
const at = new Date("2026-01-01T00:00:00Z");

const base: TransferRuleFacts = {
  owner: { id: "user-1", status: "active" },
  chainId: "SETH",
  destination: DST,
  subject: { id: "", walletId: "w1", tokenId: "SETH", amount: new Prisma.Decimal("1"), createdAt: at },
  addressRules: [],
  limits: [],
  priorWithdrawals: [],
};

describe("evaluateTransferRules (shared by the check before submission and the callback)", () => {
  it("passes when no rule applies", () => {
    expect(evaluateTransferRules(base)).toBeNull();
  });

  it("names the deciding rule: user status, the deny rule, the allow list, the limit", () => {
    expect(evaluateTransferRules({ ...base, owner: { id: "user-1", status: "paused" } })).toMatchObject({
      decision: "deny",
      code: "user_paused",
      rule: { type: "user_status", id: null },
    });
    expect(
      evaluateTransferRules({ ...base, addressRules: [{ id: "rule-9", kind: "deny", chainId: "SETH", address: DST.toLowerCase() }] }),
    ).toMatchObject({ code: "destination_denied", rule: { type: "address_rule", id: "rule-9" } });
    expect(
      evaluateTransferRules({
        ...base,
        addressRules: [{ id: "rule-1", kind: "allow", chainId: "SETH", address: "0x1111111111111111111111111111111111111111" }],
      }),
    ).toMatchObject({ code: "destination_not_allowed", rule: { type: "allow_list", id: null } });
    const limit = { id: "limit-1", scope: "user", tokenId: "SETH", maxAmount: new Prisma.Decimal("1.5"), windowSeconds: 3600 };
    const prior = { id: "p1", walletId: "w2", amount: new Prisma.Decimal("0.6"), createdAt: at, status: "Submitted", lastDecision: null };
    expect(evaluateTransferRules({ ...base, limits: [limit], priorWithdrawals: [prior] })).toMatchObject({
      code: "limit_exceeded",
      rule: { type: "limit", id: "limit-1" },
      detail: "user limit of 1.5 SETH per 3600 s: 1.6 including this withdrawal of 1",
    });
    // A prior withdrawal the callback denied does not count.
    expect(evaluateTransferRules({ ...base, limits: [limit], priorWithdrawals: [{ ...prior, lastDecision: "deny" }] })).toBeNull();
  });
});

describe("the callback link", () => {
  it("compares URLs by scheme, host, port and path", () => {
    expect(sameCallbackUrl("https://Console.Example.com:443/api/callbacks/cobo/", "https://console.example.com/api/callbacks/cobo")).toBe(
      true,
    );
    expect(sameCallbackUrl("http://console.example.com/api/callbacks/cobo", "https://console.example.com/api/callbacks/cobo")).toBe(false);
    expect(sameCallbackUrl("https://console.example.com:8443/api/callbacks/cobo", "https://console.example.com/api/callbacks/cobo")).toBe(
      false,
    );
    expect(sameCallbackUrl("https://console.example.com/other", "https://console.example.com/api/callbacks/cobo")).toBe(false);
    expect(sameCallbackUrl("not a url", "not a url")).toBe(false);
  });

  it("judges what getApiKeyInfo answered: absent, null or blank is not linked; another URL is elsewhere", () => {
    const ours = "https://console.example.com/api/callbacks/cobo";
    for (const none of [undefined, null, "", "  "]) expect(judgeCallbackUrl(none, ours).status).toBe("not_linked");
    expect(judgeCallbackUrl("https://other.example.com/cb", ours)).toMatchObject({
      status: "linked_elsewhere",
      detail: expect.stringContaining("https://other.example.com/cb"),
    });
    expect(judgeCallbackUrl(`${ours}/`, ours).status).toBe("linked");
  });
});
