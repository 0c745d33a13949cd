import Link from "next/link";
import type { CallbackLink } from "@/lib/server/risk/callback-link";
import { Badge, type Tone } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { DetailList } from "@/components/ui/detail-list";
import { Mono } from "@/components/ui/mono";

const LABELS: Record<CallbackLink["status"], { label: string; tone: Tone }> = {
  linked: { label: "Linked to this backend", tone: "success" },
  not_linked: { label: "No callback linked", tone: "danger" },
  linked_elsewhere: { label: "Linked elsewhere", tone: "danger" },
  unknown: { label: "Unknown", tone: "warning" },
};

/** The callback link check, in full (Settings). */
export function CallbackLinkStatus({ link }: { link: CallbackLink | null }) {
  if (!link) return <p className="text-sm text-zinc-600">Not checked yet: the check runs at start and with reconciliation.</p>;
  const { label, tone } = LABELS[link.status];
  return (
    <div className="space-y-3">
      <DetailList
        items={[
          { label: "Status", value: <Badge tone={tone}>{label}</Badge> },
          { label: "Checked", value: <DateTime value={link.checkedAt} /> },
          { label: "Our callback URL", value: <Mono value={link.expectedUrl} />, wide: true },
          {
            label: "Linked at Cobo",
            value: link.linkedUrl ? <Mono value={link.linkedUrl} /> : <span className="text-zinc-500">none</span>,
            wide: true,
          },
          {
            label: "API key",
            value: link.apiKey ? <Mono value={link.apiKey} className="max-w-[20rem]" /> : <span className="text-zinc-500">—</span>,
          },
          { label: "What it means", value: link.detail, wide: true },
        ]}
      />
    </div>
  );
}

/** The loud warning on every console page while the callback is not linked to us. */
export function CallbackLinkBanner({ link }: { link: CallbackLink | null }) {
  if (!link || (link.status !== "not_linked" && link.status !== "linked_elsewhere")) return null;
  return (
    <div role="alert" className="mb-4 rounded-md bg-red-50 px-4 py-3 text-sm text-red-900 ring-1 ring-red-600/30 ring-inset">
      <p className="font-semibold">
        {link.status === "not_linked"
          ? "Cobo's risk-control callback is not linked to our API key"
          : "Cobo's risk-control callback of our API key points elsewhere"}
      </p>
      <p className="mt-1">{link.detail}</p>
      <p className="mt-1 text-xs">
        Checked <DateTime value={link.checkedAt} />.{" "}
        <Link href="/settings#callback-link" className="font-medium underline">
          Details in Settings
        </Link>
      </p>
    </div>
  );
}
