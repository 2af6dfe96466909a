const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "5 minutes ago", "yesterday"… for timestamps in lists. */
export function timeAgo(date: Date, now = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
  ];
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return "just now";
}

export type DateStyle = "datetime" | "date";

const styles: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  // The zone's name is part of the text, so a time is never ambiguous ("14:03 GMT+9", "14:03 UTC").
  datetime: { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" },
  date: { day: "numeric", month: "long", year: "numeric" },
};

// Building an Intl.DateTimeFormat is costly next to using one: one per zone and style, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(style: DateStyle, timeZone: string): Intl.DateTimeFormat {
  const key = `${style} ${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", { ...styles[style], timeZone });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * A date and time in `timeZone` (UTC on the server, which does not know the viewer's zone;
 * components/ui/local-time.tsx passes the browser's).
 */
export function formatDateTime(date: Date, timeZone = "UTC", style: DateStyle = "datetime"): string {
  return formatterFor(style, timeZone).format(date);
}
