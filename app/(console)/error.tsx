"use client";

// Unexpected failures (database down, a bug). The message stays generic: in production Next.js
// replaces server error messages with a digest, which is what support should quote.
export default function ConsoleError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = typeof error === "object" && error !== null && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-white px-6 py-10 text-center">
      <h1 className="text-base font-semibold text-zinc-900">This page could not be loaded</h1>
      <p className="mt-1 text-sm text-zinc-500">
        Something went wrong while reading the data. Try again; if it keeps failing, check the server logs
        {digest ? (
          <>
            {" "}
            for error <span className="font-mono text-zinc-700">{digest}</span>
          </>
        ) : null}
        .
      </p>
      <button
        type="button"
        onClick={() => retry()}
        className="mt-4 h-8 rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-700 hover:bg-zinc-50"
      >
        Try again
      </button>
    </div>
  );
}
