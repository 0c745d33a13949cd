/** The white panel every table and section sits on. */
export function Card({ children }: { children: React.ReactNode }) {
  return <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xs">{children}</div>;
}
