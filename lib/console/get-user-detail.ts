import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { resolveRequestedBy, type RequestedBy } from "@/lib/console/get-tss-request-detail";
import { getVaultDetail, type VaultDetail } from "@/lib/console/get-vault-detail";
import { isRetiredNode } from "@/lib/domain/status/tss-node";
import { isoString, isoStringOrNull } from "@/lib/serialize";

export type TssNodeView = {
  id: string;
  nodeId: string;
  kind: string;
  status: string;
  label: string | null;
  createdAt: string;
  groups: { id: string; coboGroupId: string | null; groupType: string; lifecycle: string }[];
  /** once retired: when, by whom, why (retiring is final) */
  retirement: { at: string | null; by: RequestedBy | null; reason: string | null } | null;
  /** the latest Secrets backup the app reported (how, when); null: no backup reported */
  secretsBackup: { method: string; backedUpAt: string; reportedAt: string } | null;
};

export type UserDetail = {
  user: {
    id: string;
    email: string;
    status: string;
    /** while paused: since when, by whom, why */
    pause: { at: string | null; by: RequestedBy | null; reason: string | null } | null;
    externalSubject: string | null;
    createdAt: string;
    updatedAt: string;
  };
  nodes: TssNodeView[];
  /** null until the Client App has asked for a vault. */
  vault: VaultDetail | null;
};

const idSchema = z.guid();

/** One app user with their devices' TSS nodes and, when they have one, the full vault view. */
export async function getUserDetail(rawId: unknown): Promise<UserDetail | null> {
  const parsed = idSchema.safeParse(rawId);
  if (!parsed.success) return null;

  const user = await db.user.findUnique({
    where: { id: parsed.data },
    // passwordHash is never selected: the console has no use for it.
    select: {
      id: true,
      email: true,
      status: true,
      pausedAt: true,
      pausedBy: true,
      pauseReason: true,
      externalSubject: true,
      createdAt: true,
      updatedAt: true,
      vault: { select: { id: true } },
      tssNodes: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          nodeId: true,
          kind: true,
          status: true,
          label: true,
          createdAt: true,
          retiredAt: true,
          retiredBy: true,
          retireReason: true,
          secretsBackupMethod: true,
          secretsBackedUpAt: true,
          secretsBackupReportedAt: true,
          memberships: {
            orderBy: { createdAt: "asc" },
            select: { group: { select: { id: true, coboGroupId: true, groupType: true, lifecycle: true } } },
          },
        },
      },
    },
  });
  if (!user) return null;

  const vault = user.vault ? await getVaultDetail(user.vault.id) : null;
  return {
    user: {
      id: user.id,
      email: user.email,
      status: user.status,
      pause:
        user.status === "paused"
          ? { at: user.pausedAt ? isoString(user.pausedAt) : null, by: await resolveRequestedBy(user.pausedBy), reason: user.pauseReason }
          : null,
      externalSubject: user.externalSubject,
      createdAt: isoString(user.createdAt),
      updatedAt: isoString(user.updatedAt),
    },
    nodes: await Promise.all(
      user.tssNodes.map(async (n) => ({
        id: n.id,
        nodeId: n.nodeId,
        kind: n.kind,
        status: n.status,
        label: n.label,
        createdAt: isoString(n.createdAt),
        groups: n.memberships.map((m) => m.group),
        retirement: isRetiredNode(n.status)
          ? { at: isoStringOrNull(n.retiredAt), by: await resolveRequestedBy(n.retiredBy), reason: n.retireReason }
          : null,
        secretsBackup:
          n.secretsBackupMethod && n.secretsBackedUpAt && n.secretsBackupReportedAt
            ? {
                method: n.secretsBackupMethod,
                backedUpAt: isoString(n.secretsBackedUpAt),
                reportedAt: isoString(n.secretsBackupReportedAt),
              }
            : null,
      })),
    ),
    vault,
  };
}
