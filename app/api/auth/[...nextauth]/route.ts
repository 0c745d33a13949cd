import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { observeRequest } from "@/lib/http/observe";
import { withBodyLimit } from "@/lib/http/route";
import { authOptions } from "@/lib/server/auth/console-session";

// next-auth's sign-in, callback, session and sign-out endpoints for the console, observed like
// every other route (request id on its log lines, request metrics). Their bodies are small forms,
// read within a bound before next-auth sees them.
const handler = (req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) =>
  observeRequest("/api/auth/[...nextauth]", req, (requestId) =>
    withBodyLimit(req, 16 * 1024, requestId, (bounded) => NextAuth(bounded, ctx, authOptions()) as Promise<Response>),
  );

export { handler as GET, handler as POST };
