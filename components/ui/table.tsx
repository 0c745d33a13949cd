// Table primitives shared by the TanStack data table and the small static tables on detail pages,
// so every table in the console looks the same.

export function Table({ caption, children }: { caption: string; children: React.ReactNode }) {
  return (
    // `relative`: screen-reader-only text in cells is absolutely positioned; without a positioned
    // ancestor here it would escape the scroll box and widen the whole page.
    <div className="relative overflow-x-auto">
      <table className="w-full border-collapse text-left text-[0.8125rem]">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: { children: React.ReactNode }) {
  return <thead className="border-b border-zinc-200 bg-zinc-50/80">{children}</thead>;
}

export function Th({
  children,
  className = "",
  ariaSort,
}: {
  children?: React.ReactNode;
  className?: string;
  ariaSort?: "ascending" | "descending" | "none";
}) {
  return (
    <th
      scope="col"
      aria-sort={ariaSort}
      className={`px-2.5 py-2 text-xs font-medium whitespace-nowrap text-zinc-500 first:pl-4 last:pr-4 ${className}`}
    >
      {children}
    </th>
  );
}

export function TBody({ children }: { children: React.ReactNode }) {
  return <tbody className="divide-y divide-zinc-100">{children}</tbody>;
}

export function Tr({ children }: { children: React.ReactNode }) {
  return <tr className="hover:bg-zinc-50/70">{children}</tr>;
}

export function Td({ children, className = "", colSpan }: { children?: React.ReactNode; className?: string; colSpan?: number }) {
  return (
    <td colSpan={colSpan} className={`px-2.5 py-1.5 align-middle text-zinc-700 first:pl-4 last:pr-4 ${className}`}>
      {children}
    </td>
  );
}
