import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { getSignInOptions } from "@/lib/console/get-sign-in-options";

describe("getSignInOptions", () => {
  const callback = (value: string | string[] | undefined) => getSignInOptions({ callbackUrl: value }).callbackUrl;

  it("returns to a path on this site, including absolute URLs on the app's own origin", () => {
    expect(callback("/users?q=a#top")).toBe("/users?q=a#top");
    expect(callback(`${new URL(env.APP_URL).origin}/vaults/1`)).toBe("/vaults/1");
    expect(callback(["/webhooks", "/users"])).toBe("/webhooks");
  });

  it("never redirects to another origin or back to the sign-in page", () => {
    for (const bad of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
      "/sign-in?callbackUrl=/x",
      "",
      undefined,
    ])
      expect(callback(bad)).toBe("/dashboard");
  });

  it("reduces next-auth error codes to what the form may say", () => {
    expect(getSignInOptions({ error: "CredentialsSignin" }).error).toBe("credentials");
    expect(getSignInOptions({ error: "OAuthCallback" }).error).toBe("sso");
    expect(getSignInOptions({}).error).toBeNull();
  });
});
