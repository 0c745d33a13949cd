import type { Metadata } from "next";
import { headers } from "next/headers";
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
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
