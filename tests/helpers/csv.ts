// A strict RFC 4180 reader for tests of the console's CSV exports (quoted fields, doubled quotes,
// CRLF records). The byte order mark the exports start with is expected and removed.

export function parseCsv(text: string): string[][] {
  if (!text.startsWith("\uFEFF")) throw new Error("the export does not start with a UTF-8 byte order mark");
  const s = text.slice(1);
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === "") {
      quoted = true;
      i++;
    } else if (c === ",") {
      record.push(field);
      field = "";
      i++;
    } else if (c === "\r" && s[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else if (c === "\n" || c === "\r" || c === '"') {
      throw new Error(`malformed CSV at offset ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (quoted || field !== "" || record.length > 0) throw new Error("the CSV does not end with a complete record");
  return records;
}

/** Records as objects keyed by the header row. */
export function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.map((r) => {
    if (r.length !== header.length) throw new Error(`a record has ${r.length} fields, the header ${header.length}`);
    return Object.fromEntries(header.map((h, i) => [h, r[i]!]));
  });
}
