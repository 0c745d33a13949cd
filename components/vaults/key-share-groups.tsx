import type { GroupView } from "@/lib/console/get-vault-detail";
import { isRetiredNode, supersededGroupSigningText } from "@/lib/domain/status/tss-node";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { IdValue } from "@/components/ui/id-value";
import { Mono, PENDING_AT_COBO } from "@/components/ui/mono";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";

export const NODE_KIND_LABELS: Record<string, string> = {
  user: "User device",
  cobo: "Cobo",
  cosigner: "Server co-signer",
};

function GroupCard({ group }: { group: GroupView }) {
  return (
    <article
      aria-label={`${group.groupType} ${group.coboGroupId ?? PENDING_AT_COBO}`}
      className={`rounded-md border ${group.isActiveMainGroup ? "border-emerald-300" : "border-zinc-200"} bg-white`}
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1.5 border-b border-zinc-100 px-3 py-2">
        <h3 className="text-sm font-semibold text-zinc-900">{group.groupType}</h3>
        <span className="text-xs text-zinc-600 tabular-nums" title="threshold of participants">
          {group.threshold}-of-{group.participants}
        </span>
        <span className="flex items-center gap-1 text-xs text-zinc-500">
          Cobo <StatusBadge subject="group" status={group.status} />
        </span>
        <span className="flex items-center gap-1 text-xs text-zinc-500">
          Lifecycle <StatusBadge subject="group_lifecycle" status={group.lifecycle} />
        </span>
        {group.isActiveMainGroup ? <Badge tone="success">Active Main Group</Badge> : null}
        <span className="ml-auto min-w-0">
          <IdValue value={group.coboGroupId} label="group id" className="max-w-[18rem]" placeholder={PENDING_AT_COBO} />
        </span>
      </header>
      <div className="grid grid-cols-1 gap-x-6 gap-y-1 px-3 py-2 text-xs text-zinc-600 sm:grid-cols-3">
        <div className="min-w-0">
          <span className="text-zinc-500">Created </span>
          <DateTime value={group.createdAt} />
        </div>
        <div className="min-w-0">
          <span className="text-zinc-500">Superseded </span>
          <DateTime value={group.supersededAt} />
        </div>
        {group.tssKeyShareGroups.length > 0 ? (
          group.tssKeyShareGroups.map((k) => (
            <div key={k.tss_key_share_group_id} className="flex min-w-0 items-center gap-1">
              <span className="shrink-0 text-zinc-500">TSS key share group ({k.curve}) </span>
              <Mono value={k.tss_key_share_group_id} className="max-w-[12rem]" />
            </div>
          ))
        ) : (
          <div className="flex min-w-0 items-center gap-1">
            <span className="shrink-0 text-zinc-500">TSS key share group </span>
            <Mono value={group.tssKeyShareGroupId} className="max-w-[12rem]" />
          </div>
        )}
      </div>
      {group.supersededSigning ? (
        <p className="border-t border-zinc-100 px-3 py-2 text-xs text-zinc-700">
          <span className="font-medium">Old Main Group: </span>
          {supersededGroupSigningText(group.supersededSigning)}
        </p>
      ) : null}
      {group.members.length === 0 ? (
        <p className="px-3 pb-3 text-sm text-zinc-500">No members recorded for this group.</p>
      ) : (
        <Table caption={`Members of ${group.groupType} ${group.coboGroupId ?? PENDING_AT_COBO}`}>
          <THead>
            <tr>
              <Th>TSS node id</Th>
              <Th>Holder</Th>
              <Th>Holder type</Th>
              <Th>Holder status</Th>
              <Th>Signer</Th>
              <Th>Node</Th>
            </tr>
          </THead>
          <TBody>
            {group.members.map((m) => (
              <Tr key={m.tssNodeId}>
                <Td>
                  <Mono value={m.tssNodeId} className="max-w-[16rem]" />
                </Td>
                <Td>{m.holderName}</Td>
                <Td>{m.holderType}</Td>
                <Td>
                  <StatusBadge subject="key_share_holder" status={m.status} />
                </Td>
                <Td>{m.signer ? "Yes" : "No"}</Td>
                <Td className="text-xs text-zinc-600">
                  {m.ownedByVaultUser ? "This user's device" : (NODE_KIND_LABELS[m.nodeKind] ?? m.nodeKind)}
                  {m.nodeLabel ? <span className="text-zinc-500"> · {m.nodeLabel}</span> : null}
                  {isRetiredNode(m.nodeStatus) ? (
                    <span className="ml-1.5">
                      <StatusBadge subject="tss_node" status={m.nodeStatus} />
                    </span>
                  ) : null}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </article>
  );
}

/** Key share holder groups, oldest first, so a recovery reads as history: old Main Group → new one. */
export function KeyShareGroups({ groups }: { groups: GroupView[] }) {
  if (groups.length === 0)
    return (
      <EmptyState
        title="No key share holder groups yet"
        description="The Main Group is created when the Client App registers the user's TSS node and asks for key generation."
      />
    );
  return (
    <div className="space-y-3">
      {groups.map((g) => (
        <GroupCard key={g.id} group={g} />
      ))}
    </div>
  );
}
