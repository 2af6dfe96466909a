import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { doorInput, doorSettingsInput, minuteOfTime, timeOfMinute, timeZoneSchema, type DoorMode, type ScheduleWindow } from "./door-schemas";
import { localTimeIn, modeAt } from "./schedule";

const win = (day: number, start: string, end: string, mode: DoorMode = "card_and_code"): ScheduleWindow => ({ day, start, end, mode });
const at = (iso: string) => new Date(iso);
const modeIn = (schedule: ScheduleWindow[], zone: string, iso: string) => modeAt(schedule, zone, at(iso)).mode;

describe("schedule windows: edges", () => {
  // 2026-03-02 is a Monday.
  const weekday = [win(1, "09:00", "17:00"), win(1, "17:00", "24:00", "card_only")];

  it("starts inclusive and ends exclusive, to the minute", () => {
    expect(modeIn(weekday, "UTC", "2026-03-02T08:59:59.999Z")).toBeNull();
    expect(modeIn(weekday, "UTC", "2026-03-02T09:00:00.000Z")).toBe("card_and_code");
    expect(modeIn(weekday, "UTC", "2026-03-02T16:59:59.999Z")).toBe("card_and_code");
    expect(modeIn(weekday, "UTC", "2026-03-02T17:00:00.000Z")).toBe("card_only");
  });

  it("lets a window run to 24:00: the day's last minute is in it, the next day's first is not", () => {
    expect(modeIn(weekday, "UTC", "2026-03-02T23:59:59.999Z")).toBe("card_only");
    expect(modeIn(weekday, "UTC", "2026-03-03T00:00:00.000Z")).toBeNull();
  });

  it("tells the window in force, so the page can say until when", () => {
    expect(modeAt(weekday, "UTC", at("2026-03-02T12:00:00Z")).window).toEqual(weekday[0]);
  });
});

describe("schedule windows: time zones", () => {
  const mondayMorning = [win(1, "09:00", "12:00")];
  const sundayEvening = [win(7, "18:00", "22:00", "card_only")];

  it("reads one UTC instant as Monday 10:00 in Tokyo, Monday 02:00 in Berlin and Sunday 20:00 in New York", () => {
    const instant = at("2026-03-02T01:00:00Z");
    expect(localTimeIn("Asia/Tokyo", instant)).toEqual({ day: 1, minute: 10 * 60 });
    expect(localTimeIn("Europe/Berlin", instant)).toEqual({ day: 1, minute: 2 * 60 });
    expect(localTimeIn("America/New_York", instant)).toEqual({ day: 7, minute: 20 * 60 });
    expect(modeIn(mondayMorning, "Asia/Tokyo", "2026-03-02T01:00:00Z")).toBe("card_and_code");
    expect(modeIn(mondayMorning, "America/New_York", "2026-03-02T01:00:00Z")).toBeNull();
    expect(modeIn(sundayEvening, "America/New_York", "2026-03-02T01:00:00Z")).toBe("card_only");
    expect(modeIn(mondayMorning, "Europe/Berlin", "2026-03-02T01:00:00Z")).toBeNull();
  });
});

describe("schedule windows: daylight-saving changes", () => {
  it("Europe/Berlin, spring forward (Sunday 29 March 2026): the skipped hour 02:00–03:00 is never in force", () => {
    const skipped = [win(7, "02:00", "03:00")];
    for (let minute = 0; minute < 180; minute++) {
      expect(modeAt(skipped, "Europe/Berlin", new Date(Date.UTC(2026, 2, 29, 0, minute))).mode).toBeNull();
    }
    expect(localTimeIn("Europe/Berlin", at("2026-03-29T00:59:00Z"))).toEqual({ day: 7, minute: 1 * 60 + 59 });
    expect(localTimeIn("Europe/Berlin", at("2026-03-29T01:00:00Z"))).toEqual({ day: 7, minute: 3 * 60 });
  });

  it("Europe/Berlin, spring forward: a window ending at 02:30 ends when the clock jumps from 01:59 to 03:00", () => {
    const early = [win(7, "01:00", "02:30")];
    expect(modeIn(early, "Europe/Berlin", "2026-03-29T00:00:00Z")).toBe("card_and_code");
    expect(modeIn(early, "Europe/Berlin", "2026-03-29T00:59:59Z")).toBe("card_and_code");
    expect(modeIn(early, "Europe/Berlin", "2026-03-29T01:00:00Z")).toBeNull();
  });

  it("Europe/Berlin, fall back (Sunday 25 October 2026): both passes of 02:30 are inside a 02:00–03:00 window", () => {
    const repeated = [win(7, "02:00", "03:00")];
    expect(modeIn(repeated, "Europe/Berlin", "2026-10-25T00:30:00Z")).toBe("card_and_code"); // 02:30 CEST
    expect(modeIn(repeated, "Europe/Berlin", "2026-10-25T01:30:00Z")).toBe("card_and_code"); // 02:30 CET
    expect(modeIn(repeated, "Europe/Berlin", "2026-10-25T02:00:00Z")).toBeNull(); // 03:00 CET
  });

  it("America/New_York, spring forward (Sunday 8 March 2026): the skipped hour is never in force and a window ending at 02:30 ends at the jump", () => {
    expect(modeIn([win(7, "02:00", "03:00")], "America/New_York", "2026-03-08T06:59:00Z")).toBeNull(); // 01:59 EST
    expect(modeIn([win(7, "02:00", "03:00")], "America/New_York", "2026-03-08T07:00:00Z")).toBeNull(); // 03:00 EDT
    const early = [win(7, "01:00", "02:30")];
    expect(modeIn(early, "America/New_York", "2026-03-08T06:59:00Z")).toBe("card_and_code");
    expect(modeIn(early, "America/New_York", "2026-03-08T07:00:00Z")).toBeNull();
  });

  it("America/New_York, fall back (Sunday 1 November 2026): both passes of 01:30 are inside a 01:00–02:00 window", () => {
    const repeated = [win(7, "01:00", "02:00", "card_only")];
    expect(modeIn(repeated, "America/New_York", "2026-11-01T05:30:00Z")).toBe("card_only"); // 01:30 EDT
    expect(modeIn(repeated, "America/New_York", "2026-11-01T06:30:00Z")).toBe("card_only"); // 01:30 EST
    expect(modeIn(repeated, "America/New_York", "2026-11-01T07:00:00Z")).toBeNull(); // 02:00 EST
  });
});

describe("schedule windows: the schema", () => {
  it("refuses a zone that is not an IANA zone, and offsets that would not follow daylight-saving time", () => {
    for (const zone of ["Mars/Olympus", "+01:00", "", "UTC+1", "Europe/Berlin; DROP"]) {
      expect(timeZoneSchema.safeParse(zone).success, zone).toBe(false);
      expect(doorSettingsInput.safeParse({ timeZone: zone }).success, zone).toBe(false);
    }
    expect(timeZoneSchema.parse("Asia/Tokyo")).toBe("Asia/Tokyo");
    expect(timeZoneSchema.parse("UTC")).toBe("UTC");
  });

  it("takes 24:00 as an end, never as a start; refuses an end at or before its start and overlaps on a day", () => {
    expect(doorInput.safeParse({ name: "Front", schedule: [win(1, "09:00", "24:00")] }).success).toBe(true);
    expect(doorInput.safeParse({ name: "Front", schedule: [win(1, "24:00", "24:00")] }).success).toBe(false);
    expect(doorInput.safeParse({ name: "Front", schedule: [win(1, "09:00", "09:00")] }).success).toBe(false);
    expect(doorInput.safeParse({ name: "Front", schedule: [win(1, "10:00", "09:00")] }).success).toBe(false);
    expect(doorInput.safeParse({ name: "Front", schedule: [win(1, "09:00", "12:00"), win(1, "11:59", "13:00")] }).success).toBe(false);
    expect(doorInput.safeParse({ name: "Front", schedule: [win(1, "09:00", "12:00"), win(1, "12:00", "13:00")] }).success).toBe(true);
    expect(doorInput.safeParse({ name: "Front", schedule: [win(1, "09:00", "12:00"), win(2, "09:00", "12:00")] }).success).toBe(true);
    for (const bad of ["9:00", "25:00", "24:01", "12:60", "noon"]) expect(doorInput.safeParse({ name: "Front", schedule: [win(1, "00:00", bad)] }).success, bad).toBe(false);
    expect(doorInput.safeParse({ name: "Front", schedule: [win(8, "09:00", "10:00")] }).success).toBe(false);
  });
});

/** The oracle: the local date and time from a different Intl path (sv-SE prints "YYYY-MM-DD HH:MM"). */
function localByOracle(zone: string, instant: Date): { day: number; minute: number } {
  const text = instant.toLocaleString("sv-SE", { timeZone: zone, hourCycle: "h23" });
  const [, y, m, d, hh, mm] = /^(\d+)-(\d+)-(\d+) (\d+):(\d+)/.exec(text)!;
  const weekday = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))).getUTCDay();
  return { day: weekday === 0 ? 7 : weekday, minute: Number(hh) * 60 + Number(mm) };
}

const ZONES = ["UTC", "Asia/Tokyo", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham"];

/** A weekly schedule without overlaps: per day, sorted distinct boundaries taken in pairs. */
const scheduleArb = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 7 }), fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 6 }), fc.array(fc.constantFrom<DoorMode>("card_only", "card_and_code"), { minLength: 3, maxLength: 3 })), { maxLength: 7 })
  .map((days) => {
    const seen = new Set<number>();
    const windows: ScheduleWindow[] = [];
    for (const [day, bounds, modes] of days) {
      if (seen.has(day)) continue;
      seen.add(day);
      const sorted = [...bounds].sort((a, b) => a - b);
      for (let i = 0; i + 1 < sorted.length; i += 2) windows.push(win(day, timeOfMinute(sorted[i]!), timeOfMinute(sorted[i + 1]!), modes[i / 2]!));
    }
    return windows;
  });

describe("schedule windows: property", () => {
  it("for any instant and zone, the mode comes from exactly the one window whose local day and time contain it", () => {
    fc.assert(
      fc.property(scheduleArb, fc.constantFrom(...ZONES), fc.date({ min: new Date("2000-01-01Z"), max: new Date("2040-01-01Z"), noInvalidDate: true }), (schedule, zone, instant) => {
        expect(doorInput.safeParse({ name: "Door", schedule }).success).toBe(true);
        const local = localByOracle(zone, instant);
        const containing = schedule.filter((w) => w.day === local.day && minuteOfTime(w.start) <= local.minute && local.minute < minuteOfTime(w.end));
        expect(containing.length).toBeLessThanOrEqual(1);
        expect(modeAt(schedule, zone, instant).mode).toBe(containing[0]?.mode ?? null);
      }),
      { numRuns: 2000 },
    );
  });
});
