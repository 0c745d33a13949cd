import { describe, expect, it } from "vitest";
import { csvCell, csvLine, csvStream, type CsvValue } from "@/lib/console/csv";

describe("csvCell", () => {
  it("writes plain values as they are and null as empty", () => {
    expect(csvCell("abc")).toBe("abc");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell("")).toBe("");
  });

  it("quotes a field holding a comma, quote, CR or LF, or edge spaces, doubling quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
    expect(csvCell(" padded ")).toBe('" padded "');
  });

  it("prefixes text a spreadsheet would run as a formula with an apostrophe", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+41 79")).toBe("'+41 79");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=cmd")).toBe("'\t=cmd");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    // Only at the start, and only text: a number is a number.
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell(-2)).toBe("-2");
  });

  it("ends each record with CRLF", () => {
    expect(csvLine(["a", null, "b,c", 1])).toBe('a,,"b,c",1\r\n');
  });
});

describe("csvStream", () => {
  async function* source(batches: CsvValue[][][], pulled: number[]) {
    for (let i = 0; i < batches.length; i++) {
      pulled.push(i);
      yield batches[i]!;
    }
  }
  const decode = (chunk: Uint8Array | undefined) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(chunk);

  it("writes the byte order mark and header first, then one chunk per batch, pulled only when read", async () => {
    const pulled: number[] = [];
    const stream = csvStream(
      ["id", "note"],
      source(
        [
          [["1", "a"]],
          [
            ["2", "=b"],
            ["3", null],
          ],
          [],
        ],
        pulled,
      ),
    );
    const reader = stream.getReader();
    expect(decode((await reader.read()).value)).toBe("\uFEFFid,note\r\n");
    // Reading the header pulls at most one batch ahead.
    expect(pulled.length).toBeLessThanOrEqual(1);
    expect(decode((await reader.read()).value)).toBe("1,a\r\n");
    expect(pulled.length).toBeLessThanOrEqual(2);
    expect(decode((await reader.read()).value)).toBe("2,'=b\r\n3,\r\n");
    expect((await reader.read()).done).toBe(true);
    expect(pulled).toEqual([0, 1, 2]);
  });

  it("stops the source when the reader goes away", async () => {
    let finished = false;
    async function* endless() {
      try {
        for (let i = 0; ; i++) yield [[String(i)]];
      } finally {
        finished = true;
      }
    }
    const reader = csvStream(["n"], endless()).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(finished).toBe(true);
  });

  it("errors the stream when the source fails, so the download does not look complete", async () => {
    async function* failing() {
      yield [["1"]];
      throw new Error("database went away");
    }
    const reader = csvStream(["n"], failing()).getReader();
    await reader.read();
    await reader.read();
    await expect(reader.read()).rejects.toThrow("database went away");
  });
});
