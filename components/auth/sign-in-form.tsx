"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";

export type SignInFormProps = {
  callbackUrl: string;
  oidc: { enabled: boolean; name: string };
  initialError: "credentials" | "session-required" | "sso" | null;
};

// Deliberately vague: saying which field was wrong tells an attacker which emails exist. Once the
// code field is shown (the password was right and the account has two-factor on), a failure names
// all three: a wrong code and a wrong password look the same.
const MESSAGES = {
  credentials: "Incorrect email or password.",
  "credentials-or-code": "Incorrect email, password or authentication code.",
  "code-required": "Enter the 6-digit code from your authenticator app.",
  "session-required": "Please sign in to continue.",
  sso: "Single sign-on did not complete. Try again or contact an administrator.",
  unavailable: "Sign-in is unavailable right now. Try again in a moment.",
  "rate-limited": "Too many sign-in attempts. Wait a few minutes, then try again.",
} as const;

type MessageKey = keyof typeof MESSAGES;

const inputClass =
  "block h-9 w-full rounded-md border border-zinc-300 bg-white px-2.5 text-sm text-zinc-900 shadow-xs placeholder:text-zinc-500 focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500 focus:outline-none";

export function SignInForm({ callbackUrl, oidc, initialError }: SignInFormProps) {
  const router = useRouter();
  const [error, setError] = useState<MessageKey | null>(initialError);
  const [pending, setPending] = useState(false);
  // The account has two-factor authentication on: the form asks for the code too.
  const [askCode, setAskCode] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    const code = String(data.get("code") ?? "").replace(/\s/g, "");
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { email, password, ...(askCode ? { code } : {}), redirect: false, callbackUrl });
      if (result?.ok && !result.error) {
        router.replace(callbackUrl);
        router.refresh();
        return;
      }
      // "rate_limited" and "code_required" are the errors auth-options.ts throws (components cannot import server code).
      if (result?.error === "code_required") {
        setAskCode(true);
        setError("code-required");
      } else setError(result?.error === "rate_limited" ? "rate-limited" : askCode ? "credentials-or-code" : "credentials");
    } catch {
      setError("unavailable");
    }
    setPending(false);
  }

  return (
    <div className="space-y-5">
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-600/20 ring-inset">
          {MESSAGES[error]}
        </p>
      ) : null}
      <form onSubmit={onSubmit} className="space-y-4">
        <div className="space-y-1">
          <label htmlFor="email" className="block text-sm font-medium text-zinc-700">
            Email
          </label>
          <input id="email" name="email" type="email" autoComplete="username" required autoFocus className={inputClass} />
        </div>
        <div className="space-y-1">
          <label htmlFor="password" className="block text-sm font-medium text-zinc-700">
            Password
          </label>
          <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass} />
        </div>
        {askCode ? (
          <div className="space-y-1">
            <label htmlFor="code" className="block text-sm font-medium text-zinc-700">
              Authentication code
            </label>
            <input
              id="code"
              name="code"
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 ]*"
              maxLength={8}
              required
              autoFocus
              className={`${inputClass} font-mono tracking-widest`}
            />
            <p className="text-xs text-zinc-500">The 6-digit code your authenticator app shows for UCW Console.</p>
          </div>
        ) : null}
        <button
          type="submit"
          disabled={pending}
          className="flex h-9 w-full items-center justify-center rounded-md bg-zinc-900 px-3 text-sm font-medium text-white shadow-xs hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-60"
        >
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {oidc.enabled ? (
        <>
          <div className="flex items-center gap-3 text-xs text-zinc-500">
            <span className="h-px flex-1 bg-zinc-200" />
            or
            <span className="h-px flex-1 bg-zinc-200" />
          </div>
          <button
            type="button"
            disabled={pending}
            onClick={() => {
              setPending(true);
              void signIn("oidc", { callbackUrl });
            }}
            className="flex h-9 w-full items-center justify-center rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-800 shadow-xs hover:bg-zinc-50 disabled:opacity-60"
          >
            Sign in with {oidc.name}
          </button>
        </>
      ) : null}
    </div>
  );
}
