"use client";

import { SessionProvider } from "next-auth/react";

/** Client-side context for the whole app; mounted by the root layout. */
export function Providers({ children }: { children: React.ReactNode }) {
  return <SessionProvider>{children}</SessionProvider>;
}
