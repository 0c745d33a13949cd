import type { TssNodeView } from "@/lib/console/get-user-detail";
import type { GroupView } from "@/lib/console/get-vault-detail";
import { isRetiredNode, mainGroupMustRecover, supersededGroupSigningText } from "@/lib/domain/status/tss-node";
import { DateTime } from "@/components/ui/date-time";
import { Mono, PENDING_AT_COBO } from "@/components/ui/mono";

// What the user page says about the user's devices beside their table: a Main Group whose devices
// are all retired (the user must recover), devices without a reported Secrets backup, and the Main
// Groups a recovery replaced (whether they can still sign).

function Notice({ tone, label, children }: { tone: "warning" | "neutral"; label: string; children: React.ReactNode }) {
  const classes = tone === "warning" ? "bg-amber-50 text-amber-900 ring-amber-600/25" : "bg-zinc-50 text-zinc-700 ring-zinc-300";
  return (
    <div role="note" aria-label={label} className={`rounded-md px-3 py-2 text-sm ring-1 ring-inset ${classes}`}>
      {children}
    </div>
  );
}

export function DeviceNotices({ nodes, groups }: { nodes: TssNodeView[]; groups: GroupView[] }) {
  const active = groups.find((g) => g.isActiveMainGroup);
  const mustRecover = active ? mainGroupMustRecover(active.members.filter((m) => m.ownedByVaultUser).map((m) => m.nodeStatus)) : false;
  const withoutBackup = nodes.filter((n) => n.kind === "user" && !isRetiredNode(n.status) && !n.secretsBackup);
  const superseded = groups.filter((g) => g.supersededSigning);
  if (!mustRecover && withoutBackup.length === 0 && superseded.length === 0) return null;
  return (
    <div className="space-y-2 border-b border-zinc-200 p-4">
      {mustRecover ? (
        <Notice tone="warning" label="Recovery needed">
          <strong className="font-semibold">The user must recover.</strong> Every device of the active Main Group is retired, so no device
          of theirs can approve a transfer or a key change. Recover the Main Group onto a new device from a Recovery Group (the new phone
          registers its TSS node first).
        </Notice>
      ) : null}
      {withoutBackup.length > 0 ? (
        <Notice tone="warning" label="No backup reported">
          {withoutBackup.length === 1 ? "One device has" : `${withoutBackup.length} devices have`} no Secrets backup reported by the Client
          App: flagged &ldquo;No backup reported&rdquo; below.
        </Notice>
      ) : null}
      {superseded.map((g) => (
        <Notice key={g.id} tone="neutral" label={`Old Main Group ${g.coboGroupId ?? PENDING_AT_COBO}`}>
          <span className="font-medium">Old Main Group</span> <Mono value={g.coboGroupId} className="max-w-[12rem] align-bottom" />{" "}
          (superseded <DateTime value={g.supersededAt} />
          ): {supersededGroupSigningText(g.supersededSigning!)}
        </Notice>
      ))}
    </div>
  );
}
