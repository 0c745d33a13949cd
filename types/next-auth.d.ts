import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user?: { id: string; email: string; name: string | null; role: "admin" | "support"; timeZone?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: "admin" | "support";
    /** the server-side console session this cookie belongs to */
    sid?: string;
  }
}
