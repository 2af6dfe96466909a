import { getTranslations } from "next-intl/server";
import type { ScheduleWindow } from "@/lib/access/door-schemas";
import { modeAt } from "@/lib/access/schedule";

/**
 * "Now: Card + code until 17:00", read in the project's zone (not the viewer's): the schedule
 * is wall-clock time at the door. A window running to 24:00 says so.
 */
export async function ScheduleNow({ schedule, timeZone, now }: { schedule: ScheduleWindow[]; timeZone: string; now: Date }) {
  const t = await getTranslations("accessDoors");
  const { window } = modeAt(schedule, timeZone, now);
  if (!window) return <span>{t("now.closed")}</span>;
  return <span>{t("now.open", { mode: t(`modes.${window.mode}`), until: window.end })}</span>;
}
