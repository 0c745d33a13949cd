import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { toTransactionRow, transactionRowSelect, type TransactionRow } from "@/lib/console/list-transactions";
import { toTssRequestRow, tssRequestRowSelect, type ConsoleTssRequestRow } from "@/lib/console/list-tss-requests";
import { supersededGroupSigning, type SupersededGroupSigning } from "@/lib/domain/status/tss-node";
import { isoString, isoStringOrNull } from "@/lib/serialize";
import { storedKeyShareGroups, storedRootPubkeys, type StoredKeyShareGroup, type StoredRootPubkey } from "@/lib/server/groups/group-keys";

/** How many recent TSS requests / transactions the detail page shows before "view all". */
export const RECENT_LIMIT = 10;
/** Addresses per wallet shown inline; a UCW wallet rarely has more, the rest are counted. */
export const ADDRESS_LIMIT = 100;

export type GroupMemberView = {
  tssNodeId: string;
  nodeKind: string;
  nodeLabel: string | null;
  holderName: string;
  holderType: string;
  status: string;
  signer: boolean;
  /** The node is one of the vault owner's devices (not Cobo's or the server co-signer's). */
  ownedByVaultUser: boolean;
  /** the TSS node's status (active | retired) and, once retired, since when */
  nodeStatus: string;
  nodeRetiredAt: string | null;
};

export type GroupView = {
  id: string;
  /** null while the create call to Cobo is in flight. */
  coboGroupId: string | null;
  groupType: string;
  threshold: number;
  participants: number;
  status: string;
  lifecycle: string;
  isActiveMainGroup: boolean;
  tssKeyShareGroupId: string | null;
  rootPubkey: string | null;
  /** Every curve's TSS key share group (SECP256K1, ED25519). */
  tssKeyShareGroups: StoredKeyShareGroup[];
  supersededAt: string | null;
  createdAt: string;
  members: GroupMemberView[];
  /** For a Main Group superseded by recovery: what can be said about it still signing (from its devices' retirement). */
  supersededSigning: SupersededGroupSigning | null;
};

export type AddressView = {
  id: string;
  chainId: string;
  address: string;
  memo: string | null;
  path: string | null;
  pubkey: string | null;
  encoding: string | null;
  createdAt: string;
};

export type WalletView = {
  id: string;
  coboWalletId: string;
  name: string;
  createdAt: string;
  addressCount: number;
  addresses: AddressView[];
};

export type VaultView = {
  id: string;
  coboVaultId: string | null;
  name: string;
  coboProjectId: string;
  status: string;
  rootPubkey: string | null;
  /** The root public key of every curve (SECP256K1, ED25519). */
  rootPubkeys: StoredRootPubkey[];
  createdAt: string;
  updatedAt: string;
  user: { id: string; email: string; status: string };
  activeMainGroup: { id: string; coboGroupId: string | null } | null;
};

export type VaultDetail = {
  vault: VaultView;
  groups: GroupView[];
  wallets: WalletView[];
  tssRequests: ConsoleTssRequestRow[];
  tssRequestTotal: number;
  transactions: TransactionRow[];
  transactionTotal: number;
};

const idSchema = z.guid();

/** Everything the console shows about one vault; null when the id is malformed or unknown. */
export async function getVaultDetail(rawId: unknown): Promise<VaultDetail | null> {
  const parsed = idSchema.safeParse(rawId);
  if (!parsed.success) return null;
  const id = parsed.data;

  const vault = await db.vault.findUnique({
    where: { id },
    select: {
      id: true,
      coboVaultId: true,
      name: true,
      coboProjectId: true,
      status: true,
      rootPubkey: true,
      rootPubkeys: true,
      createdAt: true,
      updatedAt: true,
      userId: true,
      user: { select: { id: true, email: true, status: true } },
      activeMainGroup: { select: { id: true, coboGroupId: true } },
    },
  });
  if (!vault) return null;

  const [groups, wallets, tssRequests, tssRequestTotal, transactions, transactionTotal] = await Promise.all([
    db.keyShareHolderGroup.findMany({
      where: { vaultId: id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        coboGroupId: true,
        groupType: true,
        threshold: true,
        participants: true,
        status: true,
        lifecycle: true,
        tssKeyShareGroupId: true,
        rootPubkey: true,
        tssKeyShareGroups: true,
        supersededAt: true,
        createdAt: true,
        members: {
          orderBy: [{ holderType: "asc" }, { holderName: "asc" }],
          select: {
            holderName: true,
            holderType: true,
            status: true,
            signer: true,
            node: { select: { nodeId: true, kind: true, label: true, userId: true, status: true, retiredAt: true } },
          },
        },
      },
    }),
    db.wallet.findMany({
      where: { vaultId: id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        coboWalletId: true,
        name: true,
        createdAt: true,
        _count: { select: { addresses: true } },
        addresses: {
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          take: ADDRESS_LIMIT,
          select: {
            id: true,
            chainId: true,
            address: true,
            memo: true,
            path: true,
            pubkey: true,
            encoding: true,
            createdAt: true,
          },
        },
      },
    }),
    db.tssRequest.findMany({
      where: { vaultId: id },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: RECENT_LIMIT,
      select: tssRequestRowSelect,
    }),
    db.tssRequest.count({ where: { vaultId: id } }),
    db.transaction.findMany({
      where: { wallet: { vaultId: id } },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: RECENT_LIMIT,
      select: transactionRowSelect,
    }),
    db.transaction.count({ where: { wallet: { vaultId: id } } }),
  ]);

  return {
    vault: {
      id: vault.id,
      coboVaultId: vault.coboVaultId,
      name: vault.name,
      coboProjectId: vault.coboProjectId,
      status: vault.status,
      rootPubkey: vault.rootPubkey,
      rootPubkeys: storedRootPubkeys(vault.rootPubkeys),
      createdAt: isoString(vault.createdAt),
      updatedAt: isoString(vault.updatedAt),
      user: vault.user,
      activeMainGroup: vault.activeMainGroup,
    },
    groups: groups.map((g) => ({
      id: g.id,
      coboGroupId: g.coboGroupId,
      groupType: g.groupType,
      threshold: g.threshold,
      participants: g.participants,
      status: g.status,
      lifecycle: g.lifecycle,
      isActiveMainGroup: vault.activeMainGroup?.id === g.id,
      tssKeyShareGroupId: g.tssKeyShareGroupId,
      rootPubkey: g.rootPubkey,
      tssKeyShareGroups: storedKeyShareGroups(g.tssKeyShareGroups),
      supersededAt: isoStringOrNull(g.supersededAt),
      createdAt: isoString(g.createdAt),
      members: g.members.map((m) => ({
        tssNodeId: m.node.nodeId,
        nodeKind: m.node.kind,
        nodeLabel: m.node.label,
        holderName: m.holderName,
        holderType: m.holderType,
        status: m.status,
        signer: m.signer,
        ownedByVaultUser: m.node.userId === vault.userId,
        nodeStatus: m.node.status,
        nodeRetiredAt: isoStringOrNull(m.node.retiredAt),
      })),
      supersededSigning:
        g.groupType === "MainGroup" && g.lifecycle === "superseded"
          ? supersededGroupSigning(g.members.filter((m) => m.node.kind === "user").map((m) => m.node.status))
          : null,
    })),
    wallets: wallets.map((w) => ({
      id: w.id,
      coboWalletId: w.coboWalletId,
      name: w.name,
      createdAt: isoString(w.createdAt),
      addressCount: w._count.addresses,
      addresses: w.addresses.map((a) => ({ ...a, createdAt: isoString(a.createdAt) })),
    })),
    tssRequests: tssRequests.map(toTssRequestRow),
    tssRequestTotal,
    transactions: transactions.map(toTransactionRow),
    transactionTotal,
  };
}
