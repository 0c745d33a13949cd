import { describe, expect, it } from "vitest";
import { APPROVAL_CATEGORIES, defaultApprovalPolicy, isApprovalPolicyCategory, isSecretInputKey } from "@/lib/domain/approvals";

describe("approval policy defaults", () => {
  it("requires approval for every category against Cobo's prod environment only", () => {
    expect(Object.values(defaultApprovalPolicy("prod"))).toEqual(APPROVAL_CATEGORIES.map(() => true));
    expect(Object.values(defaultApprovalPolicy("dev"))).toEqual(APPROVAL_CATEGORIES.map(() => false));
    expect(Object.values(defaultApprovalPolicy("sandbox"))).toEqual(APPROVAL_CATEGORIES.map(() => false));
  });

  it("knows its categories; approval_policy is not one admins switch", () => {
    expect(isApprovalPolicyCategory("risk_rules")).toBe(true);
    expect(isApprovalPolicyCategory("approval_policy")).toBe(false);
    expect(isApprovalPolicyCategory(1)).toBe(false);
  });

  it("treats password, secret and token keys of a stored input as secret", () => {
    for (const key of ["password", "passwordHash", "totpSecret", "accessToken"]) expect(isSecretInputKey(key), key).toBe(true);
    for (const key of ["email", "role", "tokenId"]) expect(isSecretInputKey(key), key).toBe(false);
  });
});
