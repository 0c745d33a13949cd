"use client";

import { useId, useState } from "react";
import { ActionError, ActionSuccess, ReasonField, SubmitButton } from "@/components/actions/form-controls";
import { textField, useActionForm, type ServerAction } from "@/components/actions/use-action-form";
import type { ApprovedRun } from "@/lib/http/console-action";

// The decisions on one pending approval request (app/(console)/approvals/actions.ts): another admin
// approves (after a confirmation: the action then runs at once) or rejects with a reason; the
// requester may only cancel their own. The server decides in the end (own request, already
// decided, expired): its refusal is shown here.

export function ApprovalDecision({
  id,
  subject,
  own,
  actions,
}: {
  id: string;
  /** what is asked for, in words (names the buttons for assistive tech) */
  subject: string;
  /** the signed-in admin asked for it: they can cancel, not decide */
  own: boolean;
  actions: {
    approve: ServerAction<ApprovedRun>;
    reject: ServerAction<{ id: string; status: "rejected" }>;
    cancel: ServerAction<{ id: string; status: "cancelled" }>;
  };
}) {
  return own ? (
    <CancelForm id={id} subject={subject} action={actions.cancel} />
  ) : (
    <div className="flex flex-col items-stretch gap-2">
      <ApproveForm id={id} subject={subject} action={actions.approve} />
      <RejectForm id={id} subject={subject} action={actions.reject} />
    </div>
  );
}

function ApproveForm({ id, subject, action }: { id: string; subject: string; action: ServerAction<ApprovedRun> }) {
  const [confirmed, setConfirmed] = useState(false);
  const { onSubmit, pending, error, data } = useActionForm(action, () => ({ id }));
  const confirmId = useId();
  if (data)
    return data.status === "approved" ? (
      <ActionSuccess>{data.message}</ActionSuccess>
    ) : (
      <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-600/20 ring-inset">
        {data.message}
      </p>
    );
  return (
    <form onSubmit={onSubmit} aria-label={`Approve: ${subject}`} className="space-y-1.5">
      <div className="flex items-center gap-2">
        <input id={confirmId} type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} className="h-4 w-4" />
        <label htmlFor={confirmId} className="text-xs text-zinc-700">
          I checked this request; run it now
        </label>
      </div>
      <ActionError error={error} />
      <SubmitButton pending={pending} pendingLabel="Approving…" size="sm" disabled={!confirmed}>
        Approve<span className="sr-only"> {subject}</span>
      </SubmitButton>
    </form>
  );
}

function RejectForm({ id, subject, action }: { id: string; subject: string; action: ServerAction<{ id: string; status: "rejected" }> }) {
  const [open, setOpen] = useState(false);
  const { onSubmit, pending, error, fieldError, data } = useActionForm(action, (form) => ({ id, reason: textField(form, "reason") }));
  if (data) return <ActionSuccess>Rejected.</ActionSuccess>;
  if (!open)
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="h-7 self-start rounded-md border border-zinc-300 bg-white px-2 text-xs font-medium text-zinc-700 shadow-xs hover:bg-zinc-50"
      >
        Reject<span className="sr-only"> {subject}</span>
      </button>
    );
  const reasonError = fieldError("reason");
  return (
    <form onSubmit={onSubmit} aria-label={`Reject: ${subject}`} className="space-y-1.5" noValidate>
      <ReasonField label="Why reject it? (kept on the request and in the audit log)" error={reasonError} autoFocus />
      <ActionError error={error && !error.fields?.length ? error : null} />
      <span className="flex gap-1.5">
        <SubmitButton pending={pending} pendingLabel="Rejecting…" variant="danger" size="sm">
          Confirm reject<span className="sr-only"> {subject}</span>
        </SubmitButton>
        <button type="button" onClick={() => setOpen(false)} className="h-7 px-2 text-xs text-zinc-600 hover:text-zinc-900">
          Back
        </button>
      </span>
    </form>
  );
}

function CancelForm({ id, subject, action }: { id: string; subject: string; action: ServerAction<{ id: string; status: "cancelled" }> }) {
  const { onSubmit, pending, error, data } = useActionForm(action, () => ({ id }));
  if (data) return <ActionSuccess>Cancelled.</ActionSuccess>;
  return (
    <form onSubmit={onSubmit} aria-label={`Cancel: ${subject}`} className="space-y-1.5">
      <p className="text-xs text-zinc-600">You asked for this: another admin must decide it.</p>
      <ActionError error={error} />
      <SubmitButton pending={pending} pendingLabel="Cancelling…" variant="secondary" size="sm">
        Cancel my request<span className="sr-only"> {subject}</span>
      </SubmitButton>
    </form>
  );
}
