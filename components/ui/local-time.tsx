"use client";

import { useSyncExternalStore, type ReactNode } from "react";
import { useLocale } from "next-intl";
import type { DateStyle } from "@/lib/format";

const noChanges = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
// The server does not know the viewer's zone: it renders UTC, and hydration swaps in the
// browser's zone without a mismatch (React renders the server snapshot first).
const serverZone = () => "UTC";

// The same shapes as lib/format.ts, in the viewer's language. The zone's name is part of the
// text, so a time is never ambiguous ("14:03 GMT+9", "14:03 UTC").
const styles: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  datetime: { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" },
  date: { day: "numeric", month: "long", year: "numeric" },
};

// English keeps the day-month order it always had ("25 Nov 2026, 14:03 UTC").
const formatLocale = (locale: string) => (locale === "en" ? "en-GB" : locale);

/**
 * A timestamp in the viewer's time zone and language, as a <time> element. With children, they
 * are the visible text (e.g. "5 minutes ago") and the full local time becomes the tooltip.
 */
export function LocalTime({ value, style = "datetime", children }: { value: string; style?: DateStyle; children?: ReactNode }) {
  const zone = useSyncExternalStore(noChanges, browserZone, serverZone);
  const locale = useLocale();
  const formatted = new Intl.DateTimeFormat(formatLocale(locale), { ...styles[style], timeZone: zone }).format(new Date(value));
  return (
    <time dateTime={value} title={children ? formatted : undefined}>
      {children ?? formatted}
    </time>
  );
}
