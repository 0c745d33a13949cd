import type { SearchKind, SearchMatch, SearchResult } from "@/lib/console/search";
import type { StatusSubject } from "@/lib/domain/status/catalogs";
import { StatusBadge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { IdValue } from "@/components/ui/id-value";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";

/** The status catalog each kind's status belongs to (a group shows our lifecycle). */
const STATUS_SUBJECT: Partial<Record<SearchKind, StatusSubject>> = {
  user: "app_user",
  vault: "vault",
  group: "group_lifecycle",
  transaction: "transaction",
  tss_request: "tss_request",
  webhook_event: "webhook_event",
  tss_node: "tss_node",
};

/** The search's answer when it did not lead straight to one page: every match, or why there is none. */
export function SearchResults({ result }: { result: SearchResult }) {
  if (result.query === undefined)
    return (
      <Card>
        <EmptyState
          title="Nothing to search for"
          description="Paste an email, an id, a request id, an Idempotency-Key, a transaction hash, an address or a TSS node id into the search box (press / to get there)."
        />
      </Card>
    );
  if (result.matches.length === 0)
    return (
      <Card>
        <div data-testid="search-no-match">
          <EmptyState
            title={`Nothing matches “${result.query}”`}
            description="The search compares the whole text with every kind of key. To find part of an email or an id, use the search of the Users or Transactions list."
            action={{ href: `/transactions?q=${encodeURIComponent(result.query)}`, label: "Search the Transactions list instead" }}
          />
        </div>
      </Card>
    );
  return (
    <div className="space-y-2">
      <p className="text-sm text-zinc-600" role="status">
        {result.matches.length} {result.matches.length === 1 ? "match" : "matches"} for{" "}
        <span className="font-mono text-[0.8125rem] break-all text-zinc-900">{result.query}</span>
        {result.truncated ? " (only the first ones of each key are listed)" : ""}
      </p>
      <Card>
        <Table caption={`Matches for ${result.query}`}>
          <THead>
            <tr>
              <Th>Kind</Th>
              <Th>Matched on</Th>
              <Th>What</Th>
              <Th>Owner</Th>
              <Th>Status</Th>
              <Th>Our id</Th>
            </tr>
          </THead>
          <TBody>
            {result.matches.map((m) => (
              <MatchRow key={`${m.kind}/${m.id}`} match={m} />
            ))}
          </TBody>
        </Table>
      </Card>
    </div>
  );
}

function MatchRow({ match: m }: { match: SearchMatch }) {
  const subject = STATUS_SUBJECT[m.kind];
  return (
    <Tr>
      <Td>
        {m.href ? <TextLink href={m.href}>{m.kindLabel}</TextLink> : <span className="font-medium text-zinc-900">{m.kindLabel}</span>}
      </Td>
      <Td className="whitespace-nowrap">{m.matchedOn}</Td>
      <Td>{m.title}</Td>
      <Td>{m.ownerEmail ?? <span className="text-zinc-500">—</span>}</Td>
      <Td>{subject && m.status ? <StatusBadge subject={subject} status={m.status} /> : <span className="text-zinc-500">—</span>}</Td>
      <Td>
        {m.kind === "address_transactions" ? (
          <span className="text-zinc-500">—</span>
        ) : (
          <IdValue value={m.id} label={`${m.kindLabel} id`} className="max-w-[10rem]" />
        )}
      </Td>
    </Tr>
  );
}
