// CSV for the console's exports (RFC 4180: comma-separated, CRLF line ends, a field quoted when it
// holds a comma, quote, CR or LF, quotes doubled), safe to open in a spreadsheet, and streamed.
//
// Formula injection: a spreadsheet runs a cell that starts with = + - @ (or tab / CR, which some
// strip first) as a formula, and much of what we export was written by others (Cobo ids, addresses,
// error texts, reasons typed by staff, attacker-chosen ids in refused callbacks). Such a text cell
// is prefixed with an apostrophe, as OWASP recommends: the spreadsheet shows the text, runs nothing.
// Numbers are written as numbers and never prefixed.

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field: empty for null, apostrophe before a formula-like text, quoted when needed. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "string" ? value : String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/**
 * The CSV as a byte stream: a UTF-8 byte order mark (so spreadsheets read UTF-8), the header, then
 * one chunk per batch the source yields. Batches are pulled only as the reader consumes the stream,
 * so at most one batch is in memory however many rows there are; a reader that goes away stops the
 * source (its `return()` runs, ending the database reads). A source that fails errors the stream,
 * so the download fails visibly instead of ending early as if complete.
 */
export function csvStream(header: readonly string[], batches: AsyncIterable<readonly (readonly CsvValue[])[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`));
      },
      async pull(controller) {
        // An empty batch (its rows deleted since their ids were read) enqueues nothing; read on, or
        // the waiting reader would never be answered.
        for (;;) {
          const next = await iterator.next();
          if (next.done) {
            controller.close();
            return;
          }
          if (next.value.length > 0) {
            controller.enqueue(encoder.encode(next.value.map(csvLine).join("")));
            return;
          }
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    // One chunk queued ahead at most: the next batch is read when the reader has taken this one.
    { highWaterMark: 1 },
  );
}
