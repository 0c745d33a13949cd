import { createServer, type IncomingMessage, type Server } from "node:http";

// Serves route handlers on a loopback port, so the sandbox (a separate process) can deliver
// webhooks and risk-control callbacks to the app's real endpoints during integration tests.

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export type RouteServer = { origin: string; requests: { path: string; status: number }[]; close(): Promise<void> };

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts a server routing exact paths to handlers (POST and GET). */
export async function startRouteServer(routes: Record<string, Handler>): Promise<RouteServer> {
  const requests: { path: string; status: number }[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const handler = routes[url.pathname];
    if (!handler) {
      res.writeHead(404).end();
      return;
    }
    const body = await readAll(req);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers,
      body: req.method === "GET" || req.method === "HEAD" ? undefined : new Uint8Array(body),
    });
    try {
      const response = await handler(request, { params: Promise.resolve({}) });
      const out = Buffer.from(await response.arrayBuffer());
      requests.push({ path: url.pathname, status: response.status });
      res.writeHead(response.status, Object.fromEntries(response.headers.entries())).end(out);
    } catch {
      requests.push({ path: url.pathname, status: 500 });
      res.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
