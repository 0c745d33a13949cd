import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { THEME_COOKIE, parseTheme } from "@/components/shell/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "UCW Console", template: "%s · UCW Console" },
  description: "Client Backend and operator console for Cobo User-Controlled Wallets",
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request makes every page render per request, so Next.js can put this request's
  // CSP nonce (set in proxy.ts) on its scripts; a statically prerendered page could not carry it.
  await headers();
  // The theme is rendered here, from its cookie, so the first paint has it (no flash, no script).
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
