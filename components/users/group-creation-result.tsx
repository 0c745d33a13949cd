"use client";

import { ActionSuccess } from "@/components/actions/form-controls";
import { StatusBadge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { TextLink } from "@/components/ui/text-link";
import type { GroupCreation } from "@/lib/server/groups/provision-group";

/** A whole id (wrapped, never cut: support reads it out to the user) with a copy button. */
function WholeId({ value, label }: { value: string; label: string }) {
  return (
    <span className="flex min-w-0 items-start">
      <span className="min-w-0 font-mono text-xs break-all">{value}</span>
      <CopyButton value={value} label={label} />
    </span>
  );
}

/** The Cobo TSS request an admin action created (or resumed): what the user's device must approve. */
export function GroupCreationResult({ result, what }: { result: GroupCreation; what: string }) {
  return (
    <ActionSuccess>
      <p className="font-medium">
        {result.created ? `${what}: TSS request created at Cobo.` : `${what}: the request already in progress was resumed.`}
      </p>
      <dl className="mt-1.5 space-y-1.5 text-xs">
        <div>
          <dt className="text-emerald-800">Cobo TSS request id</dt>
          <dd data-testid="created-tss-request-id">
            <WholeId value={result.coboTssRequestId} label="Cobo TSS request id" />
          </dd>
        </div>
        <div>
          <dt className="text-emerald-800">Status when created</dt>
          <dd className="mt-0.5">
            <StatusBadge subject="tss_request" status={result.tssRequestStatus} />
          </dd>
        </div>
        <div>
          <dt className="text-emerald-800">Key share holder group id</dt>
          <dd>
            <WholeId value={result.coboGroupId} label="key share holder group id" />
          </dd>
        </div>
      </dl>
      <p className="mt-1.5 text-xs text-emerald-800">
        The user approves it in the Client App.{" "}
        <TextLink href={`/tss-requests?q=${encodeURIComponent(result.coboTssRequestId)}`}>Follow it in TSS requests →</TextLink>
      </p>
    </ActionSuccess>
  );
}
