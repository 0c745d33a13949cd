import { describe, expect, it } from "vitest";
import { parseTheme } from "@/components/shell/theme";

describe("parseTheme", () => {
  it("keeps a known choice and follows the system otherwise", () => {
    expect(parseTheme("dark")).toBe("dark");
    expect(parseTheme("light")).toBe("light");
    expect(parseTheme("system")).toBe("system");
    for (const v of [undefined, "", "DARK", "dark; x", "blue"]) expect(parseTheme(v)).toBe("system");
  });
});
