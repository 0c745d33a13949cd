import type { TssNodeView } from "@/lib/server/console/get-user-detail";
import { StatusBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Mono, PENDING_AT_COBO } from "@/components/ui/mono";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { NODE_KIND_LABELS } from "@/components/vaults/key-share-groups";

/** The TSS nodes of a user's devices, with the groups each one holds a key share in. */
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
              <StatusBadge status={n.status} />
            </Td>
            <Td>{n.label ?? <span className="text-zinc-400">—</span>}</Td>
            <Td>
              {n.groups.length === 0 ? (
                <span className="text-zinc-400">None</span>
              ) : (
                <ul className="space-y-0.5">
                  {n.groups.map((g) => (
                    <li key={g.id} className="flex min-w-0 items-center gap-1.5 text-xs">
                      <span className="text-zinc-600">{g.groupType}</span>
                      <Mono value={g.coboGroupId} className="max-w-[10rem]" placeholder={PENDING_AT_COBO} />
                      {g.lifecycle !== "active" ? <span className="text-zinc-400">({g.lifecycle})</span> : null}
                    </li>
                  ))}
                </ul>
              )}
            </Td>
            <Td>
              <DateTime value={n.createdAt} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
