"use client";

import { ActionSuccess } from "@/components/actions/form-controls";
import { StatusBadge } from "@/components/ui/badge";
import { IdValue } from "@/components/ui/id-value";
import { TextLink } from "@/components/ui/text-link";
import type { GroupCreation } from "@/lib/server/groups/create-main-group";

/** The Cobo TSS request an admin action created (or resumed): what the user's device must approve. */
export function GroupCreationResult({ result, what }: { result: GroupCreation; what: string }) {
  return (
    <ActionSuccess>
      <p className="font-medium">
        {result.created ? `${what}: TSS request created at Cobo.` : `${what}: the request already in progress was resumed.`}
      </p>
      <dl className="mt-1.5 grid grid-cols-[auto_minmax(0,1fr)] items-center gap-x-3 gap-y-1 text-xs">
        <dt className="text-emerald-800">Cobo TSS request id</dt>
        <dd className="min-w-0" data-testid="created-tss-request-id">
          <IdValue value={result.tss_request_id} label="Cobo TSS request id" className="max-w-full" />
        </dd>
        <dt className="text-emerald-800">Status</dt>
        <dd>
          <StatusBadge status={result.tss_request_status} />
        </dd>
        <dt className="text-emerald-800">Group</dt>
        <dd className="min-w-0">
          <IdValue value={result.key_share_holder_group_id} label="key share holder group id" className="max-w-full" />
        </dd>
      </dl>
      <p className="mt-1.5 text-xs text-emerald-800">
        The user approves it in the Client App.{" "}
        <TextLink href={`/tss-requests?q=${encodeURIComponent(result.tss_request_id)}`}>Follow it in TSS requests →</TextLink>
      </p>
    </ActionSuccess>
  );
}
