import { CopyButton } from "@/components/ui/copy-button";
import { Mono } from "@/components/ui/mono";
import { explorerName, explorerUrl } from "@/lib/domain/explorers";

/**
 * A transaction hash or an address: monospace, a copy button, and a link to the chain's block
 * explorer when the chain has one (lib/domain/explorers.ts); an unknown chain gets no link.
 */
export function ChainValue({
  chainId,
  kind,
  value,
  label,
  className = "max-w-[9rem]",
}: {
  chainId: string;
  kind: "tx" | "address";
  value: string | null | undefined;
  /** what the copy button and the link name ("transaction hash", "destination address") */
  label: string;
  className?: string;
}) {
  if (!value) return <span className="text-zinc-500">—</span>;
  const href = explorerUrl(chainId, kind, value);
  return (
    <span className="inline-flex max-w-full min-w-0 items-center">
      {href ? (
        <a
          href={href}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={`Open ${label} in ${explorerName(chainId) ?? "the explorer"}`}
          title={`${value} (${explorerName(chainId) ?? "explorer"})`}
          className="min-w-0 text-indigo-600 hover:text-indigo-500 hover:underline"
        >
          <Mono value={value} className={className} />
        </a>
      ) : (
        <Mono value={value} className={className} />
      )}
      <CopyButton value={value} label={label} />
    </span>
  );
}
