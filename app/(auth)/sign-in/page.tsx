import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getSignInOptions } from "@/lib/console/get-sign-in-options";

export const metadata: Metadata = { title: "Sign in · UCW Console" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const options = getSignInOptions(await searchParams);
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-sm font-semibold tracking-tight text-zinc-900">UCW Console</p>
          <h1 className="mt-1 text-xl font-semibold tracking-tight text-zinc-900">Sign in</h1>
          <p className="mt-1 text-sm text-zinc-500">For support staff and project administrators.</p>
        </div>
        <div className="rounded-lg border border-zinc-200 bg-white p-6 shadow-xs">
          <SignInForm callbackUrl={options.callbackUrl} oidc={options.oidc} initialError={options.error} />
        </div>
      </div>
    </main>
  );
}
