"use client";

import { ActionError, SubmitButton } from "@/components/actions/form-controls";
import { useActionForm, type ServerAction } from "@/components/actions/use-action-form";
import type { RefreshBalancesResult } from "@/lib/server/wallets/refresh-balances";

function outcome(r: RefreshBalancesResult): string {
  if (r.wallets === 0) return "No wallets to read.";
  const wallets = r.wallets === 1 ? "1 wallet" : `${r.wallets} wallets`;
  const addresses = r.addresses === 1 ? "1 address" : `${r.addresses} addresses`;
  return `Read ${wallets} and ${addresses} from Cobo.`;
}

/** "Refresh balances": reads the user's wallet and address balances from Cobo and stores them; the page refreshes after. */
export function RefreshBalancesButton({ action, userId }: { action: ServerAction<RefreshBalancesResult>; userId: string }) {
  const { onSubmit, pending, data, error } = useActionForm(action, () => ({ userId }));
  return (
    <form onSubmit={onSubmit} className="flex flex-col items-end gap-1.5">
      <ActionError error={error} />
      <span className="flex flex-row-reverse items-center gap-2">
        <SubmitButton
          pending={pending}
          pendingLabel="Reading from Cobo…"
          variant="secondary"
          size="sm"
          title="Read the balances from Cobo now"
        >
          <span aria-hidden="true">↻</span>
          <span className="ml-1">Refresh balances</span>
        </SubmitButton>
        {data ? (
          <span role="status" className="text-xs whitespace-nowrap text-zinc-600">
            {outcome(data)}
          </span>
        ) : null}
      </span>
    </form>
  );
}
