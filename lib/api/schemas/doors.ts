import { z } from "zod";
import { DOOR_MODES, doorCheckInput, doorInput, doorPatch, scheduleWindow } from "@/lib/access/door-schemas";
import type { DoorDetail } from "@/lib/access/doors";
import type { DoorCheckResult } from "@/lib/access/door-check";
import { timestamp, uuidParam } from "./common";

/** Doors and door checks as the API takes and answers them (requests: the forms' own schemas). */

export const doorParams = z.object({ doorId: uuidParam });
export const doorBody = doorInput;
export const doorPatchBody = doorPatch;
/** The door comes from the path; the card and an optional keypad code from the body. */
export const doorCheckBody = doorCheckInput.omit({ doorId: true });

export const door = z.object({
  id: z.uuid(),
  name: z.string(),
  schedule: z.array(z.object({ day: z.number().int().min(1).max(7), start: z.string(), end: z.string(), mode: z.enum(DOOR_MODES) })).describe(scheduleWindow.description ?? "Weekly windows in the project's time zone; outside every window the door stays shut"),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const doorList = z.object({ doors: z.array(door) });

export const doorCheckResult = z.object({
  granted: z.boolean(),
  reason: z.enum(["card_only", "card_and_code", "unknown_card", "suspended", "codes_suspended", "two_factor_required", "code_required", "wrong_code", "outside_schedule", "locked"]),
  mode: z.enum(DOOR_MODES).nullable(),
  accessUserId: z.uuid().nullable(),
  lockedUntil: timestamp.nullable(),
});

export const doorJson = (value: DoorDetail): z.output<typeof door> => ({
  id: value.id,
  name: value.name,
  schedule: value.schedule.map(({ day, start, end, mode }) => ({ day, start, end, mode })),
  createdAt: value.createdAt.toISOString(),
  updatedAt: value.updatedAt.toISOString(),
});

export const doorCheckJson = (value: DoorCheckResult): z.output<typeof doorCheckResult> => ({
  granted: value.granted,
  reason: value.reason,
  mode: value.mode,
  accessUserId: value.accessUserId,
  lockedUntil: value.lockedUntil?.toISOString() ?? null,
});
