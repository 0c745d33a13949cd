import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A tiny local HTTP server standing in for the console's webhook and callback
// endpoints: it records every request (raw body + headers) and answers with
// whatever the test's responder says.

/** One recorded request. */
export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

/** How the receiver answers. */
export type Responder = (req: ReceivedRequest) => { status: number; body: string } | Promise<{ status: number; body: string }>;

/** A recording HTTP receiver. */
export class Receiver {
  readonly requests: ReceivedRequest[] = [];
  respond: Responder = () => ({ status: 200, body: "ok" });
  private server: Server | null = null;
  private port = 0;

  /** Starts listening on a random loopback port. */
  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const record: ReceivedRequest = { path: req.url ?? "", headers: req.headers, rawBody: Buffer.concat(chunks).toString("utf8") };
        this.requests.push(record);
        void Promise.resolve(this.respond(record)).then((answer) => {
          res.writeHead(answer.status, { "content-type": "text/plain" });
          res.end(answer.body);
        });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** URL of a path on this receiver. */
  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Requests received on `path`. */
  on(path: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  /** Stops listening. */
  async stop(): Promise<void> {
    const s = this.server;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
