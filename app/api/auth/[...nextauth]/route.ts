import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { observeRequest } from "@/lib/http/observe";
import { authOptions } from "@/lib/server/auth/console-session";

// next-auth's sign-in, callback, session and sign-out endpoints for the console, observed like
// every other route (request id on its log lines, request metrics).
const handler = (req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) =>
  observeRequest("/api/auth/[...nextauth]", req, () => NextAuth(req, ctx, authOptions()) as Promise<Response>);

export { handler as GET, handler as POST };
