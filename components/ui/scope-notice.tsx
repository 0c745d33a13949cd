import { Mono, PENDING_AT_COBO } from "@/components/ui/mono";
import { TextLink } from "@/components/ui/text-link";

/** Says that a list is narrowed to one vault (from a "view all" link) and how to widen it. */
export function ScopeNotice({ vault, clearHref }: { vault: { id: string; coboVaultId: string | null }; clearHref: string }) {
  return (
    <p className="mb-3 flex flex-wrap items-center gap-1.5 rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900 ring-1 ring-indigo-200 ring-inset">
      <span>Only vault</span>
      <TextLink href={`/vaults/${vault.id}`} className="font-normal">
        <Mono value={vault.coboVaultId} className="max-w-[20rem]" placeholder={PENDING_AT_COBO} />
      </TextLink>
      <span aria-hidden="true">·</span>
      <TextLink href={clearHref}>Show all vaults</TextLink>
    </p>
  );
}
