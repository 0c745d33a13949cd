import { connect, type Socket } from "node:net";
import { expect, test } from "@playwright/test";
import { newTestSigner } from "../../tests/helpers/cobo-signing";
import { E2E_SANDBOX_SIGNING_SEED, SAME_ORIGIN } from "../fixtures";

// Bodies are read as they arrive and refused as soon as they cannot be accepted: a body declared
// larger than the route takes is answered 413 before it is sent, one that grows past the limit
// while streaming is answered 413 without waiting for the rest, and one that stops arriving is
// answered (408) after the server's idle timeout instead of holding the request open. These
// tests talk raw HTTP over a socket, so they control exactly which bytes are sent, and never send
// the rest of a refused body: on a server that buffered bodies whole they would get no answer.

const hostname = "127.0.0.1";
const port = Number(process.env.E2E_PORT ?? 3100);
const MB = 1024 * 1024;
const signer = newTestSigner(E2E_SANDBOX_SIGNING_SEED);

type RawAnswer = { status: number; headers: Record<string, string>; body: string };

/** Parses one HTTP/1.1 response out of `data` once it is complete; null while more is needed. */
function parseAnswer(data: Buffer, closed: boolean): RawAnswer | null {
  const end = data.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const [statusLine, ...lines] = data.subarray(0, end).toString("latin1").split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(":");
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? "")?.[1]);
  let rest = data.subarray(end + 4);
  if (headers["content-length"] !== undefined) {
    const length = Number(headers["content-length"]);
    if (rest.length < length) return null;
    return { status, headers, body: rest.subarray(0, length).toString("utf8") };
  }
  if (headers["transfer-encoding"]?.includes("chunked")) {
    const chunks: Buffer[] = [];
    for (;;) {
      const lineEnd = rest.indexOf("\r\n");
      if (lineEnd < 0) return null;
      const size = parseInt(rest.subarray(0, lineEnd).toString("latin1"), 16);
      if (size === 0) return { status, headers, body: Buffer.concat(chunks).toString("utf8") };
      if (rest.length < lineEnd + 2 + size + 2) return null;
      chunks.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      rest = rest.subarray(lineEnd + 2 + size + 2);
    }
  }
  return closed ? { status, headers, body: rest.toString("utf8") } : null;
}

/**
 * Opens a connection, writes `head` and then whatever `send` writes (it may keep writing), and
 * resolves with the first complete response. The socket is destroyed afterwards, so whatever the
 * test did not send is never sent.
 */
async function rawExchange(head: string, send: (socket: Socket) => Promise<void> | void): Promise<RawAnswer> {
  const socket = connect({ host: hostname, port: Number(port) });
  socket.on("error", () => undefined);
  try {
    return await new Promise<RawAnswer>((resolve, reject) => {
      let data = Buffer.alloc(0);
      const check = (closed: boolean) => {
        const answer = parseAnswer(data, closed);
        if (answer) resolve(answer);
        else if (closed) reject(new Error(`the connection closed without a complete answer: ${data.toString("latin1").slice(0, 200)}`));
      };
      socket.on("data", (chunk: Buffer) => {
        data = Buffer.concat([data, chunk]);
        check(false);
      });
      socket.on("end", () => check(true));
      socket.on("connect", () => {
        socket.write(head);
        Promise.resolve(send(socket)).catch(() => undefined);
      });
    });
  } finally {
    socket.destroy();
  }
}

const headBlock = (method: string, path: string, headers: Record<string, string>) =>
  `${method} ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("")}\r\n`;

/** Writes `chunk` as one chunk of a chunked body, resolving once the socket took it. */
const writeChunk = (socket: Socket, chunk: Buffer) =>
  new Promise<void>((resolve) => {
    if (socket.destroyed) return resolve();
    socket.write(`${chunk.length.toString(16)}\r\n`);
    socket.write(chunk);
    socket.write("\r\n", () => resolve());
  });

const problem = (answer: RawAnswer) => JSON.parse(answer.body) as { status: number; code: string };

test.describe("a body declared larger than the route takes is refused before it is sent", () => {
  test("Cobo's webhook endpoint: 413 after the headers and a few bytes of a declared 5 MB", async () => {
    const answer = await rawExchange(
      headBlock("POST", "/api/webhooks/cobo", {
        "content-type": "application/json",
        "content-length": String(5 * MB),
        ...signer.headers("{}"),
      }),
      (socket) => void socket.write('{"event_id":"'),
    );
    expect(answer.status).toBe(413);
    expect(answer.body).toBe("payload too large");
    expect(answer.headers.connection).toBe("close");
  });

  test("the risk-control callback: denied (401) without reading the declared 5 MB", async () => {
    const answer = await rawExchange(
      headBlock("POST", "/api/callbacks/cobo", {
        "content-type": "application/json",
        "content-length": String(5 * MB),
        ...signer.headers("{}"),
      }),
      (socket) => void socket.write("{"),
    );
    expect(answer).toMatchObject({ status: 401, body: "deny" });
  });

  test("a Client API route: 413 problem+json", async () => {
    const answer = await rawExchange(
      headBlock("POST", "/api/v1/auth/sign-in", {
        "content-type": "application/json",
        "content-length": String(5 * MB),
        "x-forwarded-for": "198.51.100.201",
      }),
      (socket) => void socket.write('{"email":"'),
    );
    expect(answer.status).toBe(413);
    expect(answer.headers["content-type"]).toBe("application/problem+json");
    expect(problem(answer)).toMatchObject({ status: 413, code: "payload_too_large" });
  });

  test("the console's sign-in endpoints (next-auth): 413 problem+json", async () => {
    const answer = await rawExchange(
      // From our own origin (a cross-origin POST is refused for that first, with 403).
      headBlock("POST", "/api/auth/callback/credentials", {
        ...SAME_ORIGIN,
        "content-type": "application/x-www-form-urlencoded",
        "content-length": String(5 * MB),
      }),
      (socket) => void socket.write("email="),
    );
    expect(answer.status).toBe(413);
    expect(problem(answer)).toMatchObject({ status: 413, code: "payload_too_large" });
  });
});

test.describe("a streamed (chunked) body is refused as soon as it passes the limit", () => {
  test("Cobo's webhook endpoint: 413 once 512 KiB have arrived, the body never finished", async () => {
    const answer = await rawExchange(
      headBlock("POST", "/api/webhooks/cobo", {
        "content-type": "application/json",
        "transfer-encoding": "chunked",
        ...signer.headers("{}"),
      }),
      async (socket) => {
        // 10 × 64 KiB passes the 512 KiB limit; the terminating chunk is never sent.
        for (let i = 0; i < 10; i++) await writeChunk(socket, Buffer.alloc(64 * 1024, 0x20));
      },
    );
    expect(answer.status).toBe(413);
    expect(answer.body).toBe("payload too large");
  });

  test("a Client API route: 413 problem+json once 64 KiB have arrived", async () => {
    const answer = await rawExchange(
      headBlock("POST", "/api/v1/auth/sign-in", {
        "content-type": "application/json",
        "transfer-encoding": "chunked",
        "x-forwarded-for": "198.51.100.202",
      }),
      async (socket) => {
        for (let i = 0; i < 3; i++) await writeChunk(socket, Buffer.alloc(32 * 1024, 0x20));
      },
    );
    expect(answer.status).toBe(413);
    expect(problem(answer)).toMatchObject({ code: "payload_too_large" });
  });

  test("a chunked body within the limit is read and parsed like any other", async () => {
    const body = Buffer.from(JSON.stringify({ email: "nobody@example.com", password: "not the password" }));
    const answer = await rawExchange(
      headBlock("POST", "/api/v1/auth/sign-in", {
        "content-type": "application/json",
        "transfer-encoding": "chunked",
        "x-forwarded-for": "198.51.100.203",
      }),
      async (socket) => {
        await writeChunk(socket, body.subarray(0, 10));
        await writeChunk(socket, body.subarray(10));
        socket.write("0\r\n\r\n");
      },
    );
    // Parsed and checked: the credentials are wrong, which only a complete body could tell.
    expect(answer.status).toBe(401);
    expect(problem(answer)).toMatchObject({ code: "unauthenticated" });
  });
});

test.describe("a body that stops arriving is answered after the idle timeout", () => {
  test("a Client API route: 408 problem+json", async () => {
    const answer = await rawExchange(
      headBlock("POST", "/api/v1/auth/sign-in", {
        "content-type": "application/json",
        "content-length": "100",
        "x-forwarded-for": "198.51.100.204",
      }),
      (socket) => void socket.write('{"email":"'),
    );
    expect(answer.status).toBe(408);
    expect(answer.headers["content-type"]).toBe("application/problem+json");
    expect(problem(answer)).toMatchObject({ status: 408, code: "request_timeout" });
    expect(answer.headers.connection).toBe("close");
  });

  test("Cobo's webhook endpoint: 408", async () => {
    const answer = await rawExchange(
      headBlock("POST", "/api/webhooks/cobo", { "content-type": "application/json", "content-length": "200", ...signer.headers("{}") }),
      (socket) => void socket.write('{"event_id":"stalled-'),
    );
    expect(answer).toMatchObject({ status: 408, body: "body incomplete" });
  });

  test("the risk-control callback: denied (401), never approved", async () => {
    const answer = await rawExchange(
      headBlock("POST", "/api/callbacks/cobo", { "content-type": "application/json", "content-length": "200", ...signer.headers("{}") }),
      (socket) => void socket.write('{"request_id":"'),
    );
    expect(answer).toMatchObject({ status: 401, body: "deny" });
  });
});

test("a wrong method with a body on a Client API path is still refused (405)", async ({ request }) => {
  const res = await request.put("/api/v1/vault", { data: { anything: true } });
  expect(res.status()).toBe(405);
});
