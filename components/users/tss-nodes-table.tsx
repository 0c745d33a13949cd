import type { TssNodeView } from "@/lib/console/get-user-detail";
import { secretsBackupMethodLabel } from "@/lib/domain/status/tss-node";
import { RequestedByValue } from "@/components/tss-requests/requested-by";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Mono, PENDING_AT_COBO } from "@/components/ui/mono";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { NODE_KIND_LABELS } from "@/components/vaults/key-share-groups";

/** When, by whom and why a node was retired. */
function RetirementNote({ retirement }: { retirement: NonNullable<TssNodeView["retirement"]> }) {
  return (
    <p className="mt-1 max-w-[16rem] text-xs text-zinc-600">
      Retired <DateTime value={retirement.at} /> by <RequestedByValue value={retirement.by} />
      {retirement.reason ? <span className="block break-words text-zinc-500">Reason: {retirement.reason}</span> : null}
    </p>
  );
}

/** The latest Secrets backup the app reported, or the flag that none was. */
export function SecretsBackupValue({ backup }: { backup: TssNodeView["secretsBackup"] }) {
  if (!backup) return <Badge tone="warning">No backup reported</Badge>;
  return (
    <span className="text-xs">
      <span className="block font-medium text-zinc-800">{secretsBackupMethodLabel(backup.method)}</span>
      <span className="block text-zinc-500">
        made <DateTime value={backup.backedUpAt} />
      </span>
      <span className="block text-zinc-500">
        reported <DateTime value={backup.reportedAt} />
      </span>
    </span>
  );
}

/** The TSS nodes of a user's devices, with the groups each one holds a key share in, retirement and Secrets backup. */
export function TssNodesTable({ nodes }: { nodes: TssNodeView[] }) {
  if (nodes.length === 0)
    return (
      <EmptyState
        title="No TSS nodes registered"
        description="A node is registered when the Client App reports the TSS node id of the user's device."
      />
    );
  return (
    <Table caption="TSS nodes of this user">
      <THead>
        <tr>
          <Th>TSS node id</Th>
          <Th>Kind</Th>
          <Th>Status</Th>
          <Th>Label</Th>
          <Th>Groups</Th>
          <Th>Secrets backup</Th>
          <Th>Registered</Th>
        </tr>
      </THead>
      <TBody>
        {nodes.map((n) => (
          <Tr key={n.id}>
            <Td>
              <Mono value={n.nodeId} className="max-w-[18rem]" />
            </Td>
            <Td className="text-xs">{NODE_KIND_LABELS[n.kind] ?? n.kind}</Td>
            <Td>
              <StatusBadge subject="tss_node" status={n.status} />
              {n.retirement ? <RetirementNote retirement={n.retirement} /> : null}
            </Td>
            <Td>{n.label ?? <span className="text-zinc-500">—</span>}</Td>
            <Td>
              {n.groups.length === 0 ? (
                <span className="text-zinc-500">None</span>
              ) : (
                <ul className="space-y-0.5">
                  {n.groups.map((g) => (
                    <li key={g.id} className="flex min-w-0 items-center gap-1.5 text-xs">
                      <span className="text-zinc-600">{g.groupType}</span>
                      <Mono value={g.coboGroupId} className="max-w-[10rem]" placeholder={PENDING_AT_COBO} />
                      {g.lifecycle !== "active" ? <span className="text-zinc-500">({g.lifecycle})</span> : null}
                    </li>
                  ))}
                </ul>
              )}
            </Td>
            <Td>{n.kind === "user" ? <SecretsBackupValue backup={n.secretsBackup} /> : <span className="text-zinc-500">—</span>}</Td>
            <Td>
              <DateTime value={n.createdAt} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
