import "server-only";
import { processSlot } from "@/lib/process-state";
import { listRecentAttentionAlerts, type AttentionAlertRow } from "@/lib/server/attention/attention-alert";
import { countAttention, readAttentionQueue, type AttentionQueue } from "@/lib/server/attention/attention-queue";
import { readAttentionSettings, type AttentionSettings } from "@/lib/server/attention/attention-settings";

// What the "Needs attention" page and the sidebar's count badge show. The page reads the queue
// itself (lib/server/attention/attention-queue.ts); the badge, shown on every console page, reads
// only the capped counts and keeps them for BADGE_TTL_MS per process (an acknowledgement here
// forgets them at once).

const BADGE_TTL_MS = 10_000;
const badgeSlot = processSlot<{ at: number; total: number } | undefined>("attentionBadge", () => undefined, { envDerived: false });

export type NeedsAttentionView = { queue: AttentionQueue; settings: AttentionSettings; recentAlerts: AttentionAlertRow[] };

/** The queue with the settings it was read with and the latest alerts. */
export async function getNeedsAttention(): Promise<NeedsAttentionView> {
  const settings = await readAttentionSettings();
  const [queue, recentAlerts] = await Promise.all([readAttentionQueue(settings), listRecentAttentionAlerts()]);
  badgeSlot.set({ at: Date.now(), total: queue.total });
  return { queue, settings, recentAlerts };
}

/** How many items are in the queue (at most a few seconds old). */
export async function getNeedsAttentionCount(): Promise<number> {
  const cached = badgeSlot.get();
  if (cached && Date.now() - cached.at < BADGE_TTL_MS) return cached.total;
  const { total } = await countAttention();
  badgeSlot.set({ at: Date.now(), total });
  return total;
}

/** Forgets the cached count (after an acknowledgement). */
export function forgetNeedsAttentionCount(): void {
  badgeSlot.reset();
}
