import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SearchResults } from "@/components/search/search-results";
import { PageHeader } from "@/components/ui/page-header";
import { requireConsoleUser } from "@/lib/http/console-session";
import { searchConsole } from "@/lib/console/search";

export const metadata: Metadata = { title: "Search" };

/**
 * Where the shell's search box sends what was pasted into it: one match opens its page at once;
 * several are listed, each with its kind and a link; none says so. Read-only, for every role.
 */
export default async function SearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireConsoleUser();
  const { q } = await searchParams;
  const result = await searchConsole(q);
  const [only] = result.matches;
  if (result.matches.length === 1 && !result.truncated && only?.href) redirect(only.href);
  return (
    <>
      <PageHeader
        title="Search"
        description="Emails, our ids and Cobo's, request ids, Idempotency-Keys, transaction hashes, addresses and TSS node ids, matched whole."
      />
      <SearchResults result={result} />
    </>
  );
}
