"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { checkDoor } from "@/lib/access/door-check";
import { doorCheckInput, doorName, scheduleField, timeZoneSchema } from "@/lib/access/door-schemas";
import { createDoor, deleteDoor, updateDoor, updateDoorSettings } from "@/lib/access/doors";
import { memberActor } from "@/lib/access/page-access";
import { defineAction } from "@/lib/actions/define-action";
import { message } from "@/lib/i18n/message";
import { projectId } from "@/lib/projects/schemas";

/**
 * The Doors and Keypad pages' changes. Any member reaches the domain function, which checks the
 * access permission itself (doors.manage, doors.check) for members and API keys alike.
 */

const doorId = z.uuid("validation.invalid");
const doorsPath = (id: string) => `/projects/${id}/access/doors`;

export const createDoorAction = defineAction({
  access: "signed_in",
  project: "member",
  input: z.object({ projectId, name: doorName, schedule: scheduleField.optional() }),
  run: async ({ projectId, name, schedule }, { project, request }) => {
    const door = await createDoor(memberActor(project!), { name, schedule: schedule ?? [] }, request);
    revalidatePath(doorsPath(projectId));
    redirect(`${doorsPath(projectId)}/${door.id}`);
  },
});

export const renameDoorAction = defineAction({
  access: "signed_in",
  project: "member",
  input: z.object({ projectId, doorId, name: doorName }),
  run: async ({ projectId, doorId, name }, { project, request }) => {
    await updateDoor(memberActor(project!), doorId, { name }, request);
    revalidatePath(doorsPath(projectId), "layout");
    return { ok: true, message: message("accessDoors.done.renamed") };
  },
});

/**
 * The schedule editor posts every window at once, as JSON: the schedule is replaced whole. In sudo
 * mode (DESIGN rule 6): whether a door asks for Card + code is that door's two-factor policy, and
 * turning it into Card only must not be one stolen session away.
 */
export const saveScheduleAction = defineAction({
  access: "signed_in",
  project: "member",
  sudo: true,
  input: z.object({ projectId, doorId, schedule: scheduleField }),
  run: async ({ projectId, doorId, schedule }, { project, request }) => {
    await updateDoor(memberActor(project!), doorId, { schedule }, request);
    revalidatePath(doorsPath(projectId), "layout");
    return { ok: true, message: message("accessDoors.done.scheduleSaved") };
  },
});

export const deleteDoorAction = defineAction({
  access: "signed_in",
  project: "member",
  input: z.object({ projectId, doorId }),
  run: async ({ projectId, doorId }, { project, request }) => {
    await deleteDoor(memberActor(project!), doorId, request);
    revalidatePath(doorsPath(projectId), "layout");
    redirect(doorsPath(projectId));
  },
});

/**
 * The project's door settings, in sudo mode (DESIGN rule 6): the time zone moves every
 * schedule, and the 2FA toggle is part of the project's two-factor policy. An unticked box
 * posts nothing, so the form always means "this is the whole setting".
 */
export const saveDoorSettingsAction = defineAction({
  access: "signed_in",
  project: "member",
  sudo: true,
  input: z.object({ projectId, timeZone: timeZoneSchema, accessRequiresTwoFactor: z.enum(["on"]).optional() }),
  run: async ({ timeZone, accessRequiresTwoFactor }, { project, request }) => {
    await updateDoorSettings(memberActor(project!), { timeZone, accessRequiresTwoFactor: accessRequiresTwoFactor === "on" }, request);
    revalidatePath(doorsPath(project!.project.id), "layout");
    return { ok: true, message: message("accessDoors.done.settingsSaved") };
  },
});

/** The keypad: one door check; the answer carries its reason and mode, never the code. */
export const checkDoorAction = defineAction({
  access: "signed_in",
  project: "member",
  input: doorCheckInput.extend({ projectId }),
  run: async ({ doorId, facilityCode, cardNumber, code }, { project, request }) => {
    const result = await checkDoor(memberActor(project!), { doorId, facilityCode, cardNumber, code }, request);
    return {
      ok: true,
      check: { granted: result.granted, reason: result.reason, mode: result.mode, lockedUntil: result.lockedUntil?.toISOString() ?? null },
    };
  },
});
