/**
 * Dates and times for people, in their language and zone. Tessera's locales ("en", "ja", "de")
 * name languages; these are the regional conventions each is shown in (English in the
 * day-month-year, 24-hour style Tessera has always used).
 */
const intlLocales: Record<string, string> = { en: "en-GB", ja: "ja-JP", de: "de-DE" };
const intlLocale = (locale: string) => intlLocales[locale] ?? locale;

const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();

/**
 * "5 minutes ago", "vor 5 Minuten", "5 分前"… for timestamps in lists; null under a minute,
 * where the caller's own words ("just now") read better than "in 0 minutes".
 */
export function timeAgo(date: Date, locale = "en", now = new Date()): string | null {
  let relative = relativeFormatters.get(locale);
  if (!relative) {
    relative = new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: "auto" });
    relativeFormatters.set(locale, relative);
  }
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
  ];
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return null;
}

export type DateStyle = "datetime" | "date";

const styles: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  // The zone's name is part of the text, so a time is never ambiguous ("14:03 GMT+9", "14:03 UTC").
  datetime: { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" },
  date: { day: "numeric", month: "long", year: "numeric" },
};

// Building an Intl.DateTimeFormat is costly next to using one: one per language, zone and style, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(style: DateStyle, timeZone: string, locale: string): Intl.DateTimeFormat {
  const key = `${style} ${timeZone} ${locale}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(intlLocale(locale), { ...styles[style], timeZone });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * A date and time in `timeZone` (UTC on the server, which does not know the viewer's zone;
 * components/ui/local-time.tsx passes the browser's), in `locale`'s words ("en", "ja", "de").
 */
export function formatDateTime(date: Date, timeZone = "UTC", style: DateStyle = "datetime", locale = "en"): string {
  return formatterFor(style, timeZone, locale).format(date);
}
