import { EmptyState } from "@/components/ui/empty-state";

// Rendered for notFound() from any console page (unknown or malformed ids).
export default function ConsoleNotFound() {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white">
      <h1 className="sr-only">Not found</h1>
      <EmptyState
        title="Not found"
        description="Nothing with this id exists. It may have been mistyped, or the link may point to another environment."
        action={{ href: "/dashboard", label: "Back to the dashboard" }}
      />
    </div>
  );
}
