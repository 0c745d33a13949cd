"use client";

import { useState } from "react";
import { ConfirmedActionForm } from "@/components/actions/confirmed-action-form";
import type { ServerAction } from "@/components/actions/use-action-form";

/**
 * Deletes one row: "Delete" opens a reason and a confirmation (ConfirmedActionForm), so a stray
 * click changes nothing and the audit log (or the approval request, when a second admin must
 * approve it) says why.
 */
export function DeleteButton<T>({ action, id, subject }: { action: ServerAction<T>; id: string; subject: string }) {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="h-7 rounded-md border border-zinc-300 bg-white px-2 text-xs font-medium text-zinc-700 shadow-xs hover:bg-zinc-50"
      >
        Delete<span className="sr-only"> {subject}</span>
      </button>
    );
  return (
    <div className="ml-auto w-64 space-y-1 text-left">
      <ConfirmedActionForm
        action={action}
        label={`Delete ${subject}`}
        baseInput={{ id }}
        button={
          <>
            Confirm delete<span className="sr-only"> {subject}</span>
          </>
        }
        pendingLabel="Deleting…"
        confirmText="Delete it"
        reasonPlaceholder="e.g. limit replaced"
        success={() => "Deleted."}
      />
      <button type="button" onClick={() => setOpen(false)} className="h-7 px-2 text-xs font-medium text-zinc-600 hover:bg-zinc-100">
        Cancel
      </button>
    </div>
  );
}
