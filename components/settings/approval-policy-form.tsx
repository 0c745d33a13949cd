"use client";

import { ConfirmedActionForm } from "@/components/actions/confirmed-action-form";
import { ActionError, SubmitButton } from "@/components/actions/form-controls";
import { useActionForm, type ServerAction } from "@/components/actions/use-action-form";
import { Badge } from "@/components/ui/badge";
import {
  APPROVAL_CATEGORIES,
  APPROVAL_CATEGORY_HINTS,
  APPROVAL_CATEGORY_LABELS,
  type ApprovalPolicy,
  type ApprovalPolicyCategory,
} from "@/lib/domain/approvals";

// Settings → Second-person approval: the four categories with their state. Admins turn one on at
// once, or ask to turn it off (a reason and a confirmation; a second admin approves it on the
// Approvals page). Support staff see the states only.

export function ApprovalPolicyForm({
  policy,
  pendingOff,
  action,
}: {
  policy: ApprovalPolicy;
  /** categories with a request to turn them off waiting for approval */
  pendingOff: ApprovalPolicyCategory[];
  /** absent: read-only (support staff) */
  action?: ServerAction<ApprovalPolicy>;
}) {
  return (
    <ul className="divide-y divide-zinc-100" aria-label="Approval categories">
      {APPROVAL_CATEGORIES.map((category) => (
        <li
          key={category}
          className="grid gap-2 py-3 first:pt-0 last:pb-0 md:grid-cols-[minmax(0,1fr)_18rem]"
          aria-label={APPROVAL_CATEGORY_LABELS[category]}
        >
          <div className="min-w-0">
            <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-zinc-900">
              {APPROVAL_CATEGORY_LABELS[category]}
              {policy[category] ? <Badge tone="success">approval required</Badge> : <Badge>off</Badge>}
            </p>
            <p className="text-xs text-zinc-500">{APPROVAL_CATEGORY_HINTS[category]}</p>
            {pendingOff.includes(category) ? (
              <p className="mt-1 text-xs text-amber-800">A request to turn this off waits for a second admin (Approvals).</p>
            ) : null}
          </div>
          {action ? (
            policy[category] ? (
              <ConfirmedActionForm
                action={action}
                label={`Turn off: ${APPROVAL_CATEGORY_LABELS[category]}`}
                baseInput={{ category, enabled: "false" }}
                button="Ask to turn off"
                pendingLabel="Asking…"
                confirmText="Let one admin do this alone once a second admin agrees"
                reasonPlaceholder="e.g. staffing: one admin on call"
                success={() => "Turned off."}
              />
            ) : (
              <TurnOnForm category={category} action={action} />
            )
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function TurnOnForm({ category, action }: { category: ApprovalPolicyCategory; action: ServerAction<ApprovalPolicy> }) {
  const { onSubmit, pending, error } = useActionForm(action, () => ({ category, enabled: "true" }));
  return (
    <form onSubmit={onSubmit} aria-label={`Turn on: ${APPROVAL_CATEGORY_LABELS[category]}`} className="space-y-1.5">
      <ActionError error={error} />
      <SubmitButton pending={pending} pendingLabel="Turning on…" size="sm">
        Require approval
      </SubmitButton>
    </form>
  );
}
