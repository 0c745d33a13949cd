import type { RequestedBy } from "@/lib/console/get-tss-request-detail";
import { Mono } from "@/components/ui/mono";
import { TextLink } from "@/components/ui/text-link";

export function RequestedByValue({ value }: { value: RequestedBy | null }) {
  if (!value) return <span className="text-zinc-500">—</span>;
  if (value.kind === "user")
    return (
      <span>
        App user <TextLink href={`/users/${value.id}`}>{value.email ?? value.id}</TextLink>
      </span>
    );
  if (value.kind === "console")
    return (
      <span>
        Console user <span className="font-medium">{value.email ?? <Mono value={value.id} />}</span>
      </span>
    );
  return <Mono value={value.raw} />;
}
