import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { problemResponse } from "@/lib/http/problem";
import { observeRequest } from "@/lib/http/observe";
import { withBodyLimit } from "@/lib/http/route";
import { authOptions } from "@/lib/http/console-session";
import { crossOriginRefusal } from "@/lib/http/csrf";

// next-auth's sign-in, callback, session and sign-out endpoints for the console, observed like
// every other route (request id on its log lines, request metrics). Its POSTs (sign-in, sign-out,
// session update) must come from our own origin: next-auth's own CSRF token is a double-submit
// cookie, which a page on another port of the same host can read and send back. Their bodies are
// small forms, read within a bound before next-auth sees them.
const handler = (req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) =>
  observeRequest("/api/auth/[...nextauth]", req, (requestId) => {
    const refusal = crossOriginRefusal(req);
    if (refusal) return problemResponse(403, "forbidden", refusal, requestId);
    return withBodyLimit(req, 16 * 1024, requestId, (bounded) => NextAuth(bounded, ctx, authOptions()) as Promise<Response>);
  });

export { handler as GET, handler as POST };
