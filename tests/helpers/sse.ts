/** Reads a server-sent event stream until `pattern` matches what was read (30 s at most). */
export async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, pattern: RegExp, what: string): Promise<string> {
  let text = "";
  const decoder = new TextDecoder();
  const deadline = Date.now() + 30_000;
  while (!pattern.test(text)) {
    if (Date.now() > deadline) throw new Error(`no ${what} in the stream; got: ${text}`);
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
  }
  return text;
}
