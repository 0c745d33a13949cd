import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/ui/badge";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { TextLink } from "@/components/ui/text-link";
import { VaultDetailSections } from "@/components/vaults/vault-detail-sections";
import { requireConsoleUser } from "@/lib/http/console-session";
import { getVaultDetail } from "@/lib/console/get-vault-detail";

export const metadata: Metadata = { title: "Vault" };

export default async function VaultPage({ params }: { params: Promise<{ id: string }> }) {
  await requireConsoleUser();
  const { id } = await params;
  const detail = await getVaultDetail(id);
  if (!detail) notFound();
  const { vault } = detail;
  return (
    <>
      <PageHeader
        eyebrow={<Breadcrumb parent={{ href: "/vaults", label: "Vaults" }} current={vault.coboVaultId ?? vault.name} />}
        title={vault.name}
        meta={
          <>
            <StatusBadge subject="vault" status={vault.status} />
            <span className="text-xs text-zinc-500">
              Owner <TextLink href={`/users/${vault.user.id}`}>{vault.user.email}</TextLink>
            </span>
          </>
        }
      />
      <VaultDetailSections detail={detail} context="vault" />
    </>
  );
}
