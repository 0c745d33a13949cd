"use client";

import { createContext, useContext } from "react";
import { DeleteButton } from "@/components/actions/delete-button";
import { RereadButton } from "@/components/actions/reread-button";
import type { ServerAction } from "@/components/actions/use-action-form";
import type { RereadResult } from "@/lib/server/tss-requests/reread-tss-request";

// Row buttons of the TanStack tables get their server action from context, not from the column
// definition: a server action prop is a new function after every refresh, and a column whose cell
// closes over it would be a new component type, remounting the button and losing its result.

const RereadContext = createContext<ServerAction<RereadResult> | null>(null);
const DeleteContext = createContext<ServerAction<unknown> | null>(null);

export function RereadActionProvider({ action, children }: { action: ServerAction<RereadResult> | undefined; children: React.ReactNode }) {
  return <RereadContext.Provider value={action ?? null}>{children}</RereadContext.Provider>;
}

export function DeleteActionProvider({ action, children }: { action: ServerAction<unknown> | undefined; children: React.ReactNode }) {
  return <DeleteContext.Provider value={action ?? null}>{children}</DeleteContext.Provider>;
}

/** "Re-read from Cobo" for a table row; renders nothing without a provided action (support staff). */
export function RereadCell({ id, subject }: { id: string; subject: string }) {
  const action = useContext(RereadContext);
  return action ? <RereadButton action={action} id={id} subject={subject} compact /> : null;
}

/** "Delete" for a table row; renders nothing without a provided action. */
export function DeleteCell({ id, subject }: { id: string; subject: string }) {
  const action = useContext(DeleteContext);
  return action ? <DeleteButton action={action} id={id} subject={subject} /> : null;
}
