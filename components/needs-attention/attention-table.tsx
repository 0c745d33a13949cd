import { AcknowledgeForm } from "@/components/needs-attention/acknowledge-form";
import type { ServerAction } from "@/components/actions/use-action-form";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { formatAge } from "@/components/ui/format";
import { Mono } from "@/components/ui/mono";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import { ATTENTION_KIND_LABELS, type AttentionKind } from "@/lib/domain/attention";

export type AttentionTableItem = {
  kind: AttentionKind;
  subjectId: string;
  ref: string;
  href: string;
  since: string;
  ageSeconds: number;
  userId: string | null;
  userEmail: string | null;
  why: string;
};

const KIND_TONE: Record<AttentionKind, "warning" | "danger" | "info"> = {
  tss_pending: "warning",
  device_wait: "warning",
  withdrawal_failed: "danger",
  webhook_failed: "danger",
  callback_failed: "danger",
  drift_open: "info",
};

/** Like the data table's actions column: kept in view at the right edge of the scroll box. */
const STICKY = "sticky right-0 bg-white/95 shadow-[-6px_0_6px_-6px_rgba(0,0,0,0.12)]";

/** The queue's items, oldest first; admins get an Acknowledge control per row. */
export function AttentionTable<T>({ items, acknowledgeAction }: { items: AttentionTableItem[]; acknowledgeAction?: ServerAction<T> }) {
  return (
    <Table caption="Items that need attention">
      <THead>
        <tr>
          <Th>Why</Th>
          <Th>Object</Th>
          <Th>User</Th>
          <Th>Age</Th>
          {acknowledgeAction ? (
            <Th className={`text-right ${STICKY}`}>
              <span className="sr-only">Actions</span>
            </Th>
          ) : null}
        </tr>
      </THead>
      <TBody>
        {items.length === 0 ? (
          <tr>
            <Td colSpan={acknowledgeAction ? 5 : 4}>
              <EmptyState
                title="Nothing needs attention"
                description="No item is past its threshold, or every one has been acknowledged."
              />
            </Td>
          </tr>
        ) : (
          items.map((item) => (
            <Tr key={`${item.kind}:${item.subjectId}`}>
              <Td className="max-w-[26rem] min-w-[14rem]">
                <div className="flex flex-col gap-0.5" data-testid="attention-why">
                  <span>
                    <Badge tone={KIND_TONE[item.kind]}>{ATTENTION_KIND_LABELS[item.kind]}</Badge>
                  </span>
                  <span className="text-xs break-words text-zinc-600">{item.why}</span>
                </div>
              </Td>
              <Td>
                <TextLink href={item.href} className="font-normal">
                  <Mono value={item.ref} className="max-w-[10rem]" />
                </TextLink>
              </Td>
              <Td>
                {item.userId && item.userEmail ? (
                  <TextLink href={`/users/${item.userId}`} className="block max-w-[12rem] truncate font-normal">
                    {item.userEmail}
                  </TextLink>
                ) : (
                  <span className="text-zinc-500">—</span>
                )}
              </Td>
              <Td>
                <div className="flex flex-col">
                  <span className="font-medium whitespace-nowrap tabular-nums">{formatAge(item.ageSeconds)}</span>
                  <span className="text-xs text-zinc-500">
                    <DateTime value={item.since} />
                  </span>
                </div>
              </Td>
              {acknowledgeAction ? (
                <Td className={`text-right ${STICKY}`}>
                  <div className="flex justify-end">
                    <AcknowledgeForm
                      action={acknowledgeAction}
                      kind={item.kind}
                      subjectId={item.subjectId}
                      subject={`${ATTENTION_KIND_LABELS[item.kind]} ${item.ref}`}
                    />
                  </div>
                </Td>
              ) : null}
            </Tr>
          ))
        )}
      </TBody>
    </Table>
  );
}
