import "server-only";
import { db } from "@/lib/db/client";

// The app's view of its vault: Cobo's ids (the SDK knows only those), groups, members, statuses.

const groupSelect = {
  id: true,
  coboGroupId: true,
  groupType: true,
  threshold: true,
  participants: true,
  status: true,
  lifecycle: true,
  rootPubkey: true,
  createdAt: true,
  members: {
    orderBy: { createdAt: "asc" },
    select: { holderName: true, holderType: true, status: true, signer: true, node: { select: { nodeId: true, kind: true } } },
  },
} as const;

export type GroupView = {
  key_share_holder_group_id: string | null;
  group_type: string;
  threshold: number;
  participants: number;
  status: string;
  lifecycle: string;
  active: boolean;
  root_pubkey: string | null;
  created_at: string;
  members: { tss_node_id: string; holder_name: string; holder_type: string; status: string; owner: string }[];
};

type GroupRow = {
  id: string;
  coboGroupId: string | null;
  groupType: string;
  threshold: number;
  participants: number;
  status: string;
  lifecycle: string;
  rootPubkey: string | null;
  createdAt: Date;
  members: { holderName: string; holderType: string; status: string; node: { nodeId: string; kind: string } }[];
};

/** Serialises a group row for the app. */
export function groupView(g: GroupRow, activeMainGroupId: string | null): GroupView {
  return {
    key_share_holder_group_id: g.coboGroupId,
    group_type: g.groupType,
    threshold: g.threshold,
    participants: g.participants,
    status: g.status,
    lifecycle: g.lifecycle,
    active: g.id === activeMainGroupId,
    root_pubkey: g.rootPubkey,
    created_at: g.createdAt.toISOString(),
    members: g.members.map((m) => ({
      tss_node_id: m.node.nodeId,
      holder_name: m.holderName,
      holder_type: m.holderType,
      status: m.status,
      owner: m.node.kind === "user" ? "user" : m.node.kind,
    })),
  };
}

export type VaultView = {
  vault_id: string;
  name: string;
  project_id: string;
  status: string;
  root_pubkey: string | null;
  main_group_id: string | null;
  created_at: string;
  groups: GroupView[];
};

/** The caller's vault with every group; null when they have none (or it is still being created). */
export async function getVaultView(userId: string): Promise<VaultView | null> {
  const v = await db.vault.findUnique({
    where: { userId },
    select: {
      coboVaultId: true,
      name: true,
      coboProjectId: true,
      status: true,
      rootPubkey: true,
      createdAt: true,
      activeMainGroupId: true,
      activeMainGroup: { select: { coboGroupId: true } },
      groups: { orderBy: { createdAt: "asc" }, select: groupSelect },
    },
  });
  if (!v?.coboVaultId) return null;
  return {
    vault_id: v.coboVaultId,
    name: v.name,
    project_id: v.coboProjectId,
    status: v.status,
    root_pubkey: v.rootPubkey,
    main_group_id: v.activeMainGroup?.coboGroupId ?? null,
    created_at: v.createdAt.toISOString(),
    groups: v.groups.map((g) => groupView(g, v.activeMainGroupId)),
  };
}

export { groupSelect };
