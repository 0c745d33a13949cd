import { describe, expect, it } from "vitest";
import { allowedMethods } from "@/lib/api/v1/allowed-methods";

describe("allowedMethods", () => {
  it("lists what a served path answers, with its ids filled in", () => {
    expect(allowedMethods("/api/v1/vault")).toEqual(["GET", "HEAD", "POST", "OPTIONS"]);
    expect(allowedMethods("/api/v1/auth/sign-in")).toEqual(["POST", "OPTIONS"]);
    expect(allowedMethods("/api/v1/wallets/0e18c9db-405e-42fe-999c-5287708e24ce/transfers")).toContain("POST");
    expect(allowedMethods("/api/v1/wallets/0e18c9db-405e-42fe-999c-5287708e24ce/transfers")).not.toContain("GET");
  });

  it("knows nothing of paths it does not serve (the catch-all answers those with 404)", () => {
    expect(allowedMethods("/api/v1/nope")).toBeNull();
    expect(allowedMethods("/api/v1/wallets/a/b/c/d")).toBeNull();
    expect(allowedMethods("/api/v1/vaultx")).toBeNull();
  });
});
