import { z } from "zod";
import { isPlainText } from "@/lib/validation/plain-text";
import { normaliseAccessCode, ACCESS_CODE_MAX } from "./code-rules";

/**
 * Doors and their weekly schedules, as forms, the API (OpenAPI) and the keypad take them.
 * Client-safe: no database, no node:crypto. Messages are keys of messages/<locale>/accessDoors.json.
 */

export const DOOR_MODES = ["card_only", "card_and_code"] as const;
export type DoorMode = (typeof DOOR_MODES)[number];
/** ISO weekdays: Monday 1 … Sunday 7. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const DOOR_NAME_MAX = 100;
export const SCHEDULE_WINDOWS_MAX = 50;
export const MINUTES_PER_DAY = 24 * 60;

/** "HH:MM" → minutes after midnight; "24:00" is the end of the day (1440). NaN for anything else. */
export function minuteOfTime(time: string): number {
  const match = /^([01][0-9]|2[0-4]):([0-5][0-9])$/.exec(time);
  if (!match) return Number.NaN;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= MINUTES_PER_DAY ? minutes : Number.NaN;
}

/** Minutes after midnight → "HH:MM" (1440 → "24:00"). */
export function timeOfMinute(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

const time = z.string().refine((value) => !Number.isNaN(minuteOfTime(value)), "accessDoors.errors.time");

/** One window of a weekday: [start, end) in local wall time; it never crosses midnight (add one on the next day). */
export const scheduleWindow = z
  .object({
    day: z.coerce.number().int().min(1, "accessDoors.errors.day").max(7, "accessDoors.errors.day"),
    start: time.refine((value) => minuteOfTime(value) < MINUTES_PER_DAY, "accessDoors.errors.time"),
    end: time,
    mode: z.enum(DOOR_MODES, { error: "accessDoors.errors.mode" }),
  })
  .refine((window) => minuteOfTime(window.end) > minuteOfTime(window.start), { message: "accessDoors.errors.endBeforeStart", path: ["end"] });
export type ScheduleWindow = z.output<typeof scheduleWindow>;

/** Windows of one day must not overlap: at any instant at most one mode is in force. */
export function firstOverlap(windows: readonly ScheduleWindow[]): number | null {
  const order = windows.map((window, index) => ({ window, index })).sort((a, b) => a.window.day - b.window.day || minuteOfTime(a.window.start) - minuteOfTime(b.window.start));
  for (let i = 1; i < order.length; i++) {
    const [before, after] = [order[i - 1]!.window, order[i]!.window];
    if (before.day === after.day && minuteOfTime(after.start) < minuteOfTime(before.end)) return order[i]!.index;
  }
  return null;
}

/** Stored order: by day, then start. */
export const sortSchedule = (windows: readonly ScheduleWindow[]): ScheduleWindow[] =>
  [...windows].sort((a, b) => a.day - b.day || minuteOfTime(a.start) - minuteOfTime(b.start));

export const doorSchedule = z
  .array(scheduleWindow)
  .max(SCHEDULE_WINDOWS_MAX, "accessDoors.errors.tooManyWindows")
  .superRefine((windows, ctx) => {
    const index = firstOverlap(windows);
    if (index !== null) ctx.addIssue({ code: "custom", message: "accessDoors.errors.overlap", path: [index, "start"] });
  })
  .transform(sortSchedule);

/** Plain text only: a NUL fails PostgreSQL's text (a 500), a bidirectional override makes one door read as another. */
export const doorName = z.string().trim().min(1, "accessDoors.errors.name").max(DOOR_NAME_MAX, "accessDoors.errors.name").refine(isPlainText, "validation.textInvalid");

export const doorInput = z.object({ name: doorName, schedule: doorSchedule.default([]) });
export type DoorInput = z.input<typeof doorInput>;

export const doorPatch = z
  .object({ name: doorName.optional(), schedule: doorSchedule.optional() })
  .refine((patch) => patch.name !== undefined || patch.schedule !== undefined, "accessDoors.errors.emptyPatch");
export type DoorPatch = z.input<typeof doorPatch>;

/** A form's schedule: the editor posts the windows as one JSON field. */
export const scheduleField = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "accessDoors.errors.schedule" });
      return z.NEVER;
    }
  })
  .pipe(doorSchedule);

/**
 * A card's number as typed on the keypad page (full-width digits and spaces normalised, as on the
 * person's page) or sent as a JSON number. Not z.coerce: Number(null), Number(""), Number([]) and
 * Number(false) are 0 and Number(true) is 1, so a check without a card was a check of card 0:0.
 */
const wholeNumber = (max: number, key: string) =>
  z.preprocess(
    (value) => {
      if (typeof value !== "string") return value;
      const text = value.normalize("NFKC").trim();
      return /^[0-9]+$/.test(text) ? Number(text) : text;
    },
    z.number(key).int(key).min(0, key).max(max, key),
  );
export const facilityCodeSchema = wholeNumber(65_535, "accessDoors.errors.facilityCode");
export const cardNumberSchema = wholeNumber(2_147_483_647, "accessDoors.errors.cardNumber");

/**
 * A keypad's code: digits as typed (full-width digits and spaces normalised), up to 16; none or
 * empty is no code. A code of the wrong length is not refused here: a keypad compares whatever
 * was typed, and a wrong one counts towards the lockout like any other.
 */
export const keypadCode = z
  .string()
  .transform(normaliseAccessCode)
  .pipe(z.string().regex(/^[0-9]*$/, "access.errors.codeDigits").max(ACCESS_CODE_MAX, "access.errors.codeLength"))
  .transform((code) => (code === "" ? null : code));

export const doorCheckInput = z.object({
  doorId: z.uuid("accessDoors.errors.door"),
  facilityCode: facilityCodeSchema,
  cardNumber: cardNumberSchema,
  code: keypadCode.nullish().transform((code) => code ?? null),
});
export type DoorCheckInput = z.output<typeof doorCheckInput>;

let zones: readonly string[] | null = null;
/** The IANA zones this runtime lists (Intl.supportedValuesOf), with "UTC": the settings card's choices. */
export function timeZones(): readonly string[] {
  zones ??= ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];
  return zones;
}

/**
 * The zone's canonical IANA name, or null when it is none: Intl decides (it knows the aliases a
 * browser may list, such as Asia/Kolkata beside Node's Asia/Calcutta); offsets like "+01:00"
 * are not zones and would not follow daylight-saving time, so they are refused.
 */
export function canonicalTimeZone(zone: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-]*(\/[A-Za-z0-9_+\-]+)*$/.test(zone) || zone.length > 64) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export const timeZoneSchema = z.string().transform((zone, ctx) => {
  const canonical = canonicalTimeZone(zone);
  if (canonical) return canonical;
  ctx.addIssue({ code: "custom", message: "accessDoors.errors.timeZone" });
  return z.NEVER;
});

/** The Doors page's settings card. */
export const doorSettingsInput = z.object({
  timeZone: timeZoneSchema.optional(),
  accessRequiresTwoFactor: z.union([z.boolean(), z.enum(["true", "false", "on"]).transform((value) => value !== "false")]).optional(),
});
export type DoorSettingsInput = z.input<typeof doorSettingsInput>;
