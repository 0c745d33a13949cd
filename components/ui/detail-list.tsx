export type DetailItem = { label: string; value: React.ReactNode; wide?: boolean };

/** Label/value pairs in a dense two-column grid (one column on narrow screens). */
export function DetailList({ items }: { items: DetailItem[] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2 xl:grid-cols-3">
      {items.map((item) => (
        <div key={item.label} className={`min-w-0 ${item.wide ? "sm:col-span-2 xl:col-span-3" : ""}`}>
          <dt className="text-xs font-medium text-zinc-500">{item.label}</dt>
          <dd className="mt-0.5 min-w-0 text-sm text-zinc-900">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
