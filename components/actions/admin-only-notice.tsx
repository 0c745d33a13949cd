/** What support staff see where admins have controls: no dead buttons, one line saying why. */
export function AdminOnlyNotice({ children = "Admin actions need the admin role." }: { children?: React.ReactNode }) {
  return (
    <p className="flex items-center gap-2 rounded-md bg-zinc-50 px-3 py-2 text-sm text-zinc-600 ring-1 ring-zinc-200 ring-inset">
      <svg viewBox="0 0 16 16" aria-hidden="true" className="size-4 shrink-0 fill-none stroke-zinc-400 stroke-[1.5]">
        <rect x="3" y="7" width="10" height="7" rx="1.5" />
        <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
      </svg>
      <span>{children}</span>
    </p>
  );
}
