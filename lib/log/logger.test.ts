import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { withRequestContext } from "@/lib/log/context";
import { createLogger } from "@/lib/log/logger";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, logger: createLogger({ level: "info", destination }) };
}

describe("logger", () => {
  it("writes JSON with the request id of the current request on every line", () => {
    const { lines, logger } = capture();
    withRequestContext({ requestId: "req-abcdef12" }, () => {
      logger.info("first");
      logger.warn({ event: "x" }, "second");
    });
    logger.info("outside");
    expect(lines.map((l) => l.requestId)).toEqual(["req-abcdef12", "req-abcdef12", undefined]);
    expect(lines[1]).toMatchObject({ level: "warn", event: "x", msg: "second", service: "ucw-console" });
  });

  it("redacts secrets wherever they sit in the logged object", () => {
    const { lines, logger } = capture();
    logger.info({
      password: "hunter2hunter2",
      user: { passwordHash: "$argon2id$…", email: "a@b.c" },
      request: { headers: { authorization: "Bearer abc", "BIZ-API-SIGNATURE": "deadbeef" } },
      cobo: { apiSecret: "f".repeat(64) },
      device: { share: "s1", passphrase: "p" },
    });
    const text = JSON.stringify(lines[0]);
    for (const secret of ["hunter2hunter2", "$argon2id$", "Bearer abc", "deadbeef", "f".repeat(64), '"s1"', '"p"'])
      expect(text).not.toContain(secret);
    expect(text).toContain("a@b.c");
  });
});
