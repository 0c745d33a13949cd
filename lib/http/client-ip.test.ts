import { createServer, request, type Server } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clientIp, installPeerAddressStamp, normalizeAddress, PEER_ADDRESS_HEADER } from "@/lib/http/client-ip";
import { resetEnvCache } from "@/lib/env";

// The client address behind rate limits, derived over real HTTP: a server in this process with the
// peer-address stamp installed, and clients connecting from distinct loopback addresses.

const saved = { ...process.env };
let server: Server;
let port = 0;

function setHops(hops: number) {
  process.env.TRUSTED_PROXY_HOPS = String(hops);
  resetEnvCache();
}

/** What the server derives for a request from `from` carrying `headers`. */
function ipSeenBy(from: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/", localAddress: from, headers }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve(body));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  installPeerAddressStamp();
  installPeerAddressStamp(); // idempotent: one subscription
  server = createServer((req, res) => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    res.end(clientIp(headers));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  port = typeof address === "object" && address ? address.port : 0;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
  resetEnvCache();
});

describe("client address", () => {
  it("with no trusted proxy, is the connecting address whatever X-Forwarded-For and the stamp header claim", async () => {
    setHops(0);
    expect(await ipSeenBy("127.0.0.9", {})).toBe("127.0.0.9");
    expect(await ipSeenBy("127.0.0.9", { "x-forwarded-for": "203.0.113.5", [PEER_ADDRESS_HEADER]: "198.51.100.1" })).toBe("127.0.0.9");
  });

  it("with one trusted proxy, is the address that proxy appended; what the client wrote before it is ignored", async () => {
    setHops(1);
    // the proxy (connecting from 127.0.0.10) appended the client it saw, 203.0.113.7
    expect(await ipSeenBy("127.0.0.10", { "x-forwarded-for": "198.51.100.66, 203.0.113.7" })).toBe("203.0.113.7");
    expect(await ipSeenBy("127.0.0.10", { "x-forwarded-for": "203.0.113.7" })).toBe("203.0.113.7");
    // nothing forwarded: the proxy itself is all we know
    expect(await ipSeenBy("127.0.0.10", {})).toBe("127.0.0.10");
  });

  it("with two trusted proxies, is the entry two hops before the peer", async () => {
    setHops(2);
    expect(await ipSeenBy("127.0.0.11", { "x-forwarded-for": "198.51.100.66, 203.0.113.8, 10.0.0.2" })).toBe("203.0.113.8");
  });
});

describe("normalizeAddress", () => {
  it("maps IPv4-mapped IPv6, strips ports and brackets, and keeps other values bounded", () => {
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress("203.0.113.9:51234")).toBe("203.0.113.9");
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("2001:db8::1")).toBe("2001:db8::1");
    expect(normalizeAddress(" ")).toBeNull();
    expect(normalizeAddress("x".repeat(300))).toHaveLength(64);
  });
});
