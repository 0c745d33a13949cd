// Which console pages a live notice concerns. Pure, so it is unit-tested; the component below
// (live-updates.tsx) only wires it to the browser's EventSource and the router.

export type LiveNotice = { event: "change"; kind: "tss_request" | "transaction"; userId: string; subjectId: string } | { event: "webhook" };

/** Whether the page at `pathname` shows something `notice` may have changed. */
export function concernsPage(pathname: string, notice: LiveNotice): boolean {
  const [section, id] = pathname.split("/").filter(Boolean);
  if (notice.event === "webhook") return section === "webhooks" || section === "dashboard";
  switch (section) {
    case "dashboard":
    case "vaults":
      return true;
    case "users":
      // the list shows every user's latest state; a user's page only that user's
      return id === undefined || id === notice.userId;
    case "transactions":
      return notice.kind === "transaction";
    case "tss-requests":
      return notice.kind === "tss_request";
    default:
      return false;
  }
}

/** Parses one SSE message's data; null when it is not a notice this console understands. */
export function parseNotice(event: string, data: string): LiveNotice | null {
  if (event === "webhook") return { event: "webhook" };
  if (event !== "change") return null;
  try {
    const d = JSON.parse(data) as Record<string, unknown>;
    if ((d.kind !== "tss_request" && d.kind !== "transaction") || typeof d.user_id !== "string" || typeof d.subject_id !== "string")
      return null;
    return { event: "change", kind: d.kind, userId: d.user_id, subjectId: d.subject_id };
  } catch {
    return null;
  }
}
