import type { FailedCallbackMessage } from "@/lib/server/risk/callback-messages";
import type { ServerAction } from "@/components/actions/use-action-form";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Mono } from "@/components/ui/mono";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import { RetryCallbackButton } from "@/components/risk/retry-callback-button";

/** Cobo's Failed callback messages; admins get a Retry button per message. */
export function FailedCallbacksTable({
  rows,
  error,
  retryAction,
}: {
  rows: FailedCallbackMessage[];
  error: string | null;
  retryAction?: ServerAction<{ messageId: string; retried: boolean }>;
}) {
  if (error) return <p className="p-4 text-sm text-red-700">{error}</p>;
  if (rows.length === 0)
    return <EmptyState title="No failed callback messages" description="Cobo reports no callback it gave up delivering." />;
  return (
    <Table caption="Failed callback messages">
      <THead>
        <tr>
          <Th>Message id</Th>
          <Th>Transaction</Th>
          <Th>Cobo transaction id</Th>
          <Th>Sent to</Th>
          <Th>Last attempt</Th>
          {retryAction ? <Th className="text-right">Retry</Th> : null}
        </tr>
      </THead>
      <TBody>
        {rows.map((m) => (
          <Tr key={m.id}>
            <Td>
              <Mono value={m.id} className="max-w-[11rem]" />
            </Td>
            <Td>
              {m.transactionId ? (
                <TextLink href={`/transactions/${m.transactionId}`} className="font-normal">
                  <Mono value={m.requestId} className="max-w-[11rem]" />
                </TextLink>
              ) : (
                <Mono value={m.requestId} className="max-w-[11rem]" />
              )}
            </Td>
            <Td>
              <Mono value={m.coboTransactionId} className="max-w-[11rem]" />
            </Td>
            <Td>
              <Mono value={m.url} className="max-w-[16rem]" />
            </Td>
            <Td>
              <DateTime value={m.updatedAt} />
            </Td>
            {retryAction ? (
              <Td className="text-right">
                <RetryCallbackButton action={retryAction} messageId={m.id} />
              </Td>
            ) : null}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
