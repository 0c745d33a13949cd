"use client";

import { useTimeZone } from "@/components/ui/time-zone";
import { formatInTimeZone } from "@/lib/domain/time-zone";

/**
 * A timestamp in the signed-in user's time zone, with the zone's offset shown ("… UTC+1"); the
 * ISO value (UTC) is in the tooltip and the machine-readable attribute.
 */
export function DateTime({ value, precision = "s" }: { value: string | null | undefined; precision?: "s" | "ms" }) {
  const { zone } = useTimeZone();
  if (!value) return <span className="text-zinc-500">—</span>;
  const text = formatInTimeZone(value, zone, precision);
  const cut = text.indexOf(" ");
  // Date and time may break onto two lines (and only there), so a table column of timestamps
  // can be narrow when the page is; on a wide page it stays one line.
  return (
    <time dateTime={value} title={value} className="tabular-nums">
      {cut < 0 ? (
        text
      ) : (
        <>
          <span className="whitespace-nowrap">{text.slice(0, cut)}</span> <span className="whitespace-nowrap">{text.slice(cut + 1)}</span>
        </>
      )}
    </time>
  );
}
