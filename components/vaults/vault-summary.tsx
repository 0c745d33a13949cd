import type { VaultView } from "@/lib/console/get-vault-detail";
import { StatusBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { DetailList } from "@/components/ui/detail-list";
import { IdValue } from "@/components/ui/id-value";
import { PENDING_AT_COBO } from "@/components/ui/mono";
import { TextLink } from "@/components/ui/text-link";

export function VaultSummary({ vault, showOwner }: { vault: VaultView; showOwner: boolean }) {
  return (
    <DetailList
      items={[
        { label: "Cobo vault id", value: <IdValue value={vault.coboVaultId} label="Cobo vault id" placeholder={PENDING_AT_COBO} /> },
        { label: "Name", value: vault.name },
        { label: "Status", value: <StatusBadge subject="vault" status={vault.status} /> },
        { label: "Cobo project id", value: <IdValue value={vault.coboProjectId} label="Cobo project id" /> },
        {
          label: "Active Main Group",
          value: vault.activeMainGroup ? (
            <IdValue value={vault.activeMainGroup.coboGroupId} label="Main Group id" placeholder={PENDING_AT_COBO} />
          ) : (
            <span className="text-zinc-500">None yet (no successful key generation)</span>
          ),
        },
        ...(showOwner
          ? [
              {
                label: "Owner",
                value: (
                  <TextLink href={`/users/${vault.user.id}`} className="font-normal">
                    {vault.user.email}
                  </TextLink>
                ),
              },
            ]
          : []),
        ...(vault.rootPubkeys.length > 0
          ? vault.rootPubkeys.map((k) => ({
              label: `Root public key (${k.curve})`,
              value: <IdValue value={k.root_pubkey} label={`${k.curve} root public key`} />,
              wide: true,
            }))
          : [{ label: "Root public key", value: <IdValue value={vault.rootPubkey} label="root public key" />, wide: true }]),
        { label: "Created", value: <DateTime value={vault.createdAt} /> },
        { label: "Updated", value: <DateTime value={vault.updatedAt} /> },
        { label: "Console id", value: <IdValue value={vault.id} label="console vault id" /> },
      ]}
    />
  );
}
