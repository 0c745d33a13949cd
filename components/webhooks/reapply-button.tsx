"use client";

import { ConfirmedActionForm } from "@/components/actions/confirmed-action-form";
import type { ServerAction } from "@/components/actions/use-action-form";
import type { ReapplyResult } from "@/lib/server/webhooks/reapply-webhook-event";

function outcome(r: ReapplyResult): string {
  if (r.error) return `Failed again: ${r.error}`;
  return `Applied again: ${r.previousStatus} → ${r.status}.`;
}

/**
 * "Re-apply" for one stored webhook event (our row id), with the reason the audit log keeps and a
 * confirmation; admins only (the server refuses others).
 */
export function ReapplyButton({ action, id, eventId }: { action: ServerAction<ReapplyResult>; id: string; eventId: string }) {
  return (
    <div className="max-w-md">
      <ConfirmedActionForm
        action={action}
        baseInput={{ id }}
        label={`Re-apply webhook event ${eventId}`}
        button="Re-apply"
        pendingLabel="Re-applying…"
        confirmText="Apply this event again now"
        reasonPlaceholder="e.g. the cause of the failure is fixed"
        success={outcome}
      />
    </div>
  );
}
