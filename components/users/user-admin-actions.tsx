import { CancelAtCoboForm } from "@/components/actions/cancel-at-cobo-form";
import { Unavailable } from "@/components/actions/form-controls";
import type { ServerAction } from "@/components/actions/use-action-form";
import { Mono } from "@/components/ui/mono";
import { Section } from "@/components/ui/section";
import { MainGroupForm } from "@/components/users/main-group-form";
import { RecoverMainGroupForm } from "@/components/users/recover-main-group-form";
import { RecoveryGroupForm } from "@/components/users/recovery-group-form";
import type { UserGroupOptions } from "@/lib/console/get-user-group-options";
import type { GroupCreation } from "@/lib/server/groups/provision-group";
import type { TssCancellation } from "@/lib/server/tss-requests/cancel-tss-request";

export type GroupActions = {
  createMainGroup: ServerAction<GroupCreation>;
  createRecoveryGroup: ServerAction<GroupCreation>;
  recoverMainGroup: ServerAction<GroupCreation>;
  cancelTssRequest: ServerAction<TssCancellation>;
};

function Card({ title, description, children }: { title: string; description: string; children: React.ReactNode }) {
  return (
    <article aria-label={title} className="flex min-w-0 flex-col gap-3 rounded-md border border-zinc-200 p-3">
      <header>
        <h3 className="text-sm font-semibold text-zinc-900">{title}</h3>
        <p className="mt-0.5 text-xs text-zinc-500">{description}</p>
      </header>
      {children}
    </article>
  );
}

/**
 * The three group flows of the guide, offered only when they can work; otherwise the card says
 * why. The use-cases decide in the end (and their refusals are shown), this only avoids offering
 * what is certain to be refused.
 */
export function UserAdminActions({ userId, options, actions }: { userId: string; options: UserGroupOptions; actions: GroupActions }) {
  const { hasVault, activeMainGroup, pendingMainGroup, nodes, recoveryCandidates, recoveryGroups } = options;
  const noVault = <Unavailable>The user has no vault at Cobo yet: the Client App creates it first (POST /api/v1/vault).</Unavailable>;

  let mainGroup: React.ReactNode;
  if (!hasVault) mainGroup = noVault;
  else if (activeMainGroup)
    mainGroup = (
      <Unavailable>The vault already has an active Main Group. To move it to a new device, recover it from a Recovery Group.</Unavailable>
    );
  else if (nodes.length === 0)
    mainGroup = <Unavailable>No TSS node is registered for this user. The Client App registers the device&apos;s node first.</Unavailable>;
  else
    mainGroup = (
      <>
        {pendingMainGroup ? (
          <p className="text-xs text-amber-800">
            A Main Group key generation is already in progress
            {pendingMainGroup.nodeIds[0] ? (
              <>
                {" "}
                for <Mono value={pendingMainGroup.nodeIds[0]} className="max-w-[10rem]" />
              </>
            ) : null}
            : submitting with that node resumes it. For another device, cancel it first.
          </p>
        ) : null}
        {pendingMainGroup?.tssRequest ? (
          <CancelAtCoboForm
            action={actions.cancelTssRequest}
            id={pendingMainGroup.tssRequest.id}
            subject="pending key generation"
            description={`Its TSS request is ${pendingMainGroup.tssRequest.status}. Cancelling it at Cobo lets a new Main Group start, e.g. on the right device.`}
          />
        ) : null}
        <MainGroupForm userId={userId} nodes={nodes} defaultNodeId={pendingMainGroup?.nodeIds[0]} action={actions.createMainGroup} />
      </>
    );

  let recoveryGroup: React.ReactNode;
  if (!hasVault) recoveryGroup = noVault;
  else if (!activeMainGroup)
    recoveryGroup = <Unavailable>A Recovery Group is made from the active Main Group, and this vault has none yet.</Unavailable>;
  else if (activeMainGroup.mustRecover)
    recoveryGroup = (
      <Unavailable>
        The Main Group&apos;s device is retired, so it cannot approve copying its key share. Recover the Main Group onto a new device first.
      </Unavailable>
    );
  else if (recoveryCandidates.length < activeMainGroup.threshold)
    recoveryGroup = (
      <Unavailable>
        It needs at least {activeMainGroup.threshold} devices outside the Main Group;{" "}
        {recoveryCandidates.length === 0 ? "none is" : `only ${recoveryCandidates.length} is`} registered. The user&apos;s other phones
        register their TSS nodes first.
      </Unavailable>
    );
  else
    recoveryGroup = (
      <RecoveryGroupForm
        userId={userId}
        candidates={recoveryCandidates}
        threshold={activeMainGroup.threshold}
        action={actions.createRecoveryGroup}
      />
    );

  let recover: React.ReactNode;
  if (!hasVault) recover = noVault;
  else if (recoveryGroups.length === 0)
    recover = (
      <Unavailable>
        There is no Valid Recovery Group with enough devices that are not retired: one must have finished its key generation first.
      </Unavailable>
    );
  else
    recover = (
      <RecoverMainGroupForm
        userId={userId}
        recoveryGroups={recoveryGroups}
        nodes={nodes}
        currentNodeIds={activeMainGroup?.nodeIds ?? []}
        action={actions.recoverMainGroup}
      />
    );

  return (
    <Section
      title="Admin actions"
      description="These create key share holder groups and their TSS requests at Cobo. Keys are generated on the user's devices: the user approves each request in the Client App."
    >
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-3">
        <Card title="Create Main Group" description="Key generation (KeyGen) on one of the user's devices.">
          {mainGroup}
        </Card>
        <Card title="Create Recovery Group" description="Reshares the Main Group's key to the user's other devices.">
          {recoveryGroup}
        </Card>
        <Card title="Recover Main Group" description="A lost phone: a new Main Group on a new device, from a Recovery Group.">
          {recover}
        </Card>
      </div>
    </Section>
  );
}
