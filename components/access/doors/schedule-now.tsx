import { getTranslations } from "next-intl/server";
import type { ScheduleWindow } from "@/lib/access/door-schemas";
import { localTimeIn, modeSpanAt } from "@/lib/access/schedule";

/**
 * "Now: Card + code until 17:00", read in the project's zone (not the viewer's): the schedule
 * is wall-clock time at the door. Windows that meet with the same mode read as one, so the
 * answer says when the mode really changes (another day, or never).
 */
export async function ScheduleNow({ schedule, timeZone, now }: { schedule: ScheduleWindow[]; timeZone: string; now: Date }) {
  const t = await getTranslations("accessDoors");
  const span = modeSpanAt(schedule, timeZone, now);
  if (!span) return <span>{t("now.closed")}</span>;
  const mode = t(`modes.${span.mode}`);
  if (!span.until) return <span>{t("now.always", { mode })}</span>;
  if (span.until.day === localTimeIn(timeZone, now).day) return <span>{t("now.open", { mode, until: span.until.time })}</span>;
  return <span>{t("now.openUntilDay", { mode, day: t(`days.${span.until.day as 1 | 2 | 3 | 4 | 5 | 6 | 7}`), until: span.until.time })}</span>;
}
