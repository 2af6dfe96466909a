import { minuteOfTime, type DoorMode, type ScheduleWindow } from "./door-schemas";

/**
 * Which mode a door's weekly schedule puts in force at an instant, read in the project's IANA
 * time zone. Pure and client-safe (the door page shows "Now: …" with it).
 *
 * Windows are wall-clock times: an instant is turned into the zone's local weekday and minute
 * of day, and the window [start, end) of that weekday containing the minute decides. So across
 * daylight-saving changes the schedule follows the clock on the wall: in the skipped hour of
 * spring no instant has those local times, and in autumn's repeated hour both passes of, say,
 * 01:30 are inside a 01:00–02:00 window.
 */

const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building one costs far more than formatting with it (door checks run hot). */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export type LocalTime = { day: number; minute: number };

/** The zone's local ISO weekday (Mon=1) and minute of day at `instant`. */
export function localTimeIn(timeZone: string, instant: Date): LocalTime {
  let day = 0;
  let hour = 0;
  let minute = 0;
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type === "weekday") day = WEEKDAY[part.value] ?? 0;
    else if (part.type === "hour") hour = Number(part.value) % 24;
    else if (part.type === "minute") minute = Number(part.value);
  }
  return { day, minute: hour * 60 + minute };
}

/** The window in force at a local time, if any. */
export function windowAt(schedule: readonly ScheduleWindow[], local: LocalTime): ScheduleWindow | null {
  return schedule.find((window) => window.day === local.day && minuteOfTime(window.start) <= local.minute && local.minute < minuteOfTime(window.end)) ?? null;
}

export type ScheduleState = { mode: DoorMode | null; window: ScheduleWindow | null };

/** The mode in force at `instant` (null: outside every window, the door does not open) and the window giving it. */
export function modeAt(schedule: readonly ScheduleWindow[], timeZone: string, instant: Date): ScheduleState {
  const window = windowAt(schedule, localTimeIn(timeZone, instant));
  return { mode: window?.mode ?? null, window };
}
