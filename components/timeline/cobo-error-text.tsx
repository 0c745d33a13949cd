import type { TimelineCoboError } from "@/lib/console/timeline";
import { Mono } from "@/components/ui/mono";

/**
 * A Cobo error as staff read it: the code beside Cobo's own message (or, when Cobo sent none, what
 * Cobo documents for the code), and the error id to quote to Cobo support.
 */
export function CoboErrorText({ error }: { error: TimelineCoboError }) {
  const ref = error.code !== null ? `Cobo error ${error.code}` : `HTTP ${error.httpStatus ?? "?"}`;
  const text = error.message ?? (error.documented ? `${error.documented} (Cobo's description; its answer had no message)` : null);
  return (
    <p className="flex min-w-0 flex-wrap items-center gap-x-1.5 text-xs text-red-800">
      <span className="font-medium">{ref}:</span>
      <span>{text ?? "Cobo's answer had no message and Cobo documents no description for this code"}</span>
      {error.errorId ? (
        <span className="flex items-center gap-1 text-zinc-500">
          error id <Mono value={error.errorId} className="max-w-[14rem]" />
        </span>
      ) : null}
    </p>
  );
}
