// Rolling windows are stored in seconds; people think in hours and days.

const UNITS = [
  { seconds: 86_400, short: "d", long: "day" },
  { seconds: 3_600, short: "h", long: "hour" },
  { seconds: 60, short: "min", long: "minute" },
] as const;

/** 86400 → "24 h", 604800 → "7 d", 90 → "90 s": the largest unit that divides it evenly. */
export function formatWindow(seconds: number): string {
  if (seconds % 86_400 === 0 && seconds <= 86_400) return `${seconds / 3_600} h`;
  for (const unit of UNITS) if (seconds % unit.seconds === 0) return `${seconds / unit.seconds} ${unit.short}`;
  return `${seconds} s`;
}

/** Common windows offered in the form. */
export const WINDOW_PRESETS = [
  { seconds: 3_600, label: "1 hour" },
  { seconds: 86_400, label: "24 hours" },
  { seconds: 604_800, label: "7 days" },
  { seconds: 2_592_000, label: "30 days" },
] as const;
