import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { decimalString, prettyRawBody } from "@/lib/serialize";

describe("decimalString", () => {
  it("never switches to exponent notation and keeps every digit", () => {
    expect(decimalString(new Prisma.Decimal("0.00000001"))).toBe("0.00000001");
    expect(decimalString(new Prisma.Decimal("1e-30"))).toBe("0.000000000000000000000000000001");
    expect(decimalString(new Prisma.Decimal("123456789012345678901234567890.5"))).toBe("123456789012345678901234567890.5");
  });
});

describe("prettyRawBody", () => {
  it("re-indents JSON without touching numbers, strings or key order", () => {
    const raw = '{"b":12345678901234567890.123456789012345678,"a":[1,{"s":"x, {y}: \\"z\\""}],"e":{},"f":[ ]}';
    const pretty = prettyRawBody(raw);
    expect(pretty.isJson).toBe(true);
    expect(pretty.text).toBe(
      [
        "{",
        '  "b": 12345678901234567890.123456789012345678,',
        '  "a": [',
        "    1,",
        "    {",
        '      "s": "x, {y}: \\"z\\""',
        "    }",
        "  ],",
        '  "e": {},',
        '  "f": []',
        "}",
      ].join("\n"),
    );
    expect(JSON.parse(pretty.text)).toEqual(JSON.parse(raw));
  });

  it("shows anything that is not JSON exactly as received", () => {
    expect(prettyRawBody("<html>nope</html>")).toEqual({ text: "<html>nope</html>", isJson: false });
    expect(prettyRawBody("")).toEqual({ text: "", isJson: false });
  });
});
