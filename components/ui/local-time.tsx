"use client";

import { useLocale } from "next-intl";
import { useSyncExternalStore, type ReactNode } from "react";
import { formatDateTime, type DateStyle } from "@/lib/format";

const noChanges = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
// The server does not know the viewer's zone: it renders UTC, and hydration swaps in the
// browser's zone without a mismatch (React renders the server snapshot first).
const serverZone = () => "UTC";

/**
 * A timestamp in the viewer's language and time zone, as a <time> element. With children,
 * they are the visible text (e.g. "5 minutes ago") and the full local time becomes the tooltip.
 */
export function LocalTime({ value, style = "datetime", children }: { value: string; style?: DateStyle; children?: ReactNode }) {
  const locale = useLocale();
  const zone = useSyncExternalStore(noChanges, browserZone, serverZone);
  const formatted = formatDateTime(new Date(value), zone, style, locale);
  return (
    <time dateTime={value} title={children ? formatted : undefined}>
      {children ?? formatted}
    </time>
  );
}
