import { request as httpRequest } from "node:http";

// A minimal HTTP client for the api specs that must control what Playwright's request context
// does not: the source address of the connection (any 127.x.y.z reaches the server over loopback,
// so each address is a distinct client to the server's per-client counters) and every header,
// with its own cookie jar.

export const E2E_ORIGIN = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;

export type HttpAnswer = { status: number; headers: Record<string, string | string[] | undefined>; text: string; json<T = unknown>(): T };

export type SendOptions = {
  headers?: Record<string, string>;
  /** sent as application/json (unless a content-type header says otherwise) */
  json?: unknown;
  /** sent as application/x-www-form-urlencoded */
  form?: Record<string, string>;
  /** sent as given */
  body?: string;
};

export class HttpClient {
  readonly cookies = new Map<string, string>();

  /** `localAddress`: the loopback address the connection comes from, e.g. 127.0.0.5. */
  constructor(readonly localAddress = "127.0.0.1") {}

  /** The Cookie header this client sends (the jar's cookies). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  send(method: string, path: string, opts: SendOptions = {}): Promise<HttpAnswer> {
    const url = new URL(path, E2E_ORIGIN);
    const headers: Record<string, string> = {};
    let body: string | undefined = opts.body;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers["content-type"] = "application/json";
    } else if (opts.form) {
      body = new URLSearchParams(opts.form).toString();
      headers["content-type"] = "application/x-www-form-urlencoded";
    }
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader();
    Object.assign(headers, opts.headers);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, localAddress: this.localAddress },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            for (const line of res.headers["set-cookie"] ?? []) {
              const [pair = ""] = line.split(";");
              const eq = pair.indexOf("=");
              const name = pair.slice(0, eq).trim();
              const value = pair.slice(eq + 1).trim();
              if (!name) continue;
              if (value === "" || /max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
              else this.cookies.set(name, value);
            }
            const text = Buffer.concat(chunks).toString("utf8");
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
          });
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  /**
   * Signs in to the console through next-auth's credentials endpoint (as the sign-in form does):
   * answers next-auth's verdict, `ok` when this client now holds a session cookie.
   */
  async signInConsole(email: string, password: string): Promise<{ ok: boolean; status: number; error: string | null }> {
    const csrf = await this.send("GET", "/api/auth/csrf");
    const { csrfToken } = csrf.json<{ csrfToken: string }>();
    const res = await this.send("POST", "/api/auth/callback/credentials", {
      form: { email, password, csrfToken, callbackUrl: `${E2E_ORIGIN}/dashboard`, json: "true" },
      headers: { origin: E2E_ORIGIN },
    });
    let error: string | null = null;
    try {
      error = new URL(res.json<{ url: string }>().url).searchParams.get("error");
    } catch {
      error = res.text.slice(0, 200);
    }
    return { ok: res.status === 200 && error === null && this.sessionCookie() !== undefined, status: res.status, error };
  }

  /** Signs out through next-auth's sign-out endpoint, as the console's button does. */
  async signOutConsole(): Promise<HttpAnswer> {
    const { csrfToken } = (await this.send("GET", "/api/auth/csrf")).json<{ csrfToken: string }>();
    return this.send("POST", "/api/auth/signout", {
      form: { csrfToken, callbackUrl: `${E2E_ORIGIN}/sign-in`, json: "true" },
      headers: { origin: E2E_ORIGIN },
    });
  }

  /** The session cookie's value (next-auth's name on plain HTTP). */
  sessionCookie(): string | undefined {
    return this.cookies.get("next-auth.session-token");
  }
}
