import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/server/auth/console-session";

// next-auth's sign-in, callback, session and sign-out endpoints for the console.
const handler = (req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) => NextAuth(req, ctx, authOptions());

export { handler as GET, handler as POST };
