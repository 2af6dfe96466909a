import type { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { doorInput, doorPatch, doorSchedule, doorSettingsInput, type DoorInput, type DoorPatch, type DoorSettingsInput, type ScheduleWindow } from "./door-schemas";
import { assertCan, auditActor, type AccessActor } from "./permissions";

/**
 * A project's doors and their weekly schedules, and the project's door settings (its time
 * zone, and whether linked members need account 2FA for their MFA codes). Every function checks
 * the actor's permission and stays inside the actor's project; each change and its audit event
 * share a transaction.
 */

export type DoorDetail = { id: string; name: string; schedule: ScheduleWindow[]; createdAt: Date; updatedAt: Date };
export type DoorSummary = DoorDetail;
export type DoorSettings = { timeZone: string; accessRequiresTwoFactor: boolean };

const SELECT = { id: true, name: true, schedule: true, createdAt: true, updatedAt: true } as const;

/** A stored schedule as the schema reads it: a row written by an older version never breaks a page. */
export function storedSchedule(value: unknown): ScheduleWindow[] {
  const parsed = doorSchedule.safeParse(value);
  return parsed.success ? parsed.data : [];
}

const detail = (row: { id: string; name: string; schedule: unknown; createdAt: Date; updatedAt: Date }): DoorDetail => ({ ...row, schedule: storedSchedule(row.schedule) });

const audit = (actor: AccessActor, context: RequestContext) => {
  const { actorId, apiKeyId, subjectId } = auditActor(actor);
  return { actorId, subjectId, projectId: actor.projectId, context, apiKey: apiKeyId ? { apiKeyId } : {} };
};

/** The schema again inside: the API and the actions parse first, so a refusal here is a caller's bug, still never a 500. */
function parsed<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError("invalid_input");
  return result.data;
}

const nameTaken = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

export async function listDoors(actor: AccessActor): Promise<DoorSummary[]> {
  assertCan(actor, "access.view");
  const rows = await db.door.findMany({ where: { projectId: actor.projectId }, select: SELECT, orderBy: [{ name: "asc" }, { id: "asc" }] });
  return rows.map(detail);
}

export async function getDoor(actor: AccessActor, doorId: string): Promise<DoorDetail> {
  assertCan(actor, "access.view");
  const row = await db.door.findFirst({ where: { id: doorId, projectId: actor.projectId }, select: SELECT });
  if (!row) throw new AppError("not_found");
  return detail(row);
}

export async function createDoor(actor: AccessActor, input: DoorInput, context: RequestContext): Promise<DoorDetail> {
  assertCan(actor, "doors.manage");
  const { name, schedule } = parsed(doorInput, input);
  const a = audit(actor, context);
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.door.create({ data: { projectId: actor.projectId, name, schedule }, select: SELECT });
      await recordAudit(tx, { type: "access.door_created", actorId: a.actorId, subjectId: a.subjectId, projectId: a.projectId, context, metadata: { doorId: row.id, name, windows: schedule.length, ...a.apiKey } });
      return detail(row);
    });
  } catch (error) {
    if (nameTaken(error)) throw new AppError("door_name_taken");
    throw error;
  }
}

async function lockDoor(tx: Tx, actor: AccessActor, doorId: string) {
  const [row] = await tx.$queryRaw<{ id: string; name: string; schedule: unknown }[]>`
    SELECT "id", "name", "schedule" FROM "Door" WHERE "id" = ${doorId} AND "projectId" = ${actor.projectId} FOR UPDATE`;
  if (!row) throw new AppError("not_found");
  return row;
}

/** Rename and/or replace the schedule; a change that changes nothing writes nothing. */
export async function updateDoor(actor: AccessActor, doorId: string, patch: DoorPatch, context: RequestContext): Promise<DoorDetail> {
  assertCan(actor, "doors.manage");
  const { name, schedule } = parsed(doorPatch, patch);
  const a = audit(actor, context);
  try {
    return await db.$transaction(async (tx) => {
      const before = await lockDoor(tx, actor, doorId);
      const renamed = name !== undefined && name !== before.name;
      const rescheduled = schedule !== undefined && JSON.stringify(schedule) !== JSON.stringify(storedSchedule(before.schedule));
      if (renamed || rescheduled) {
        await tx.door.update({ where: { id: doorId }, data: { ...(renamed ? { name } : {}), ...(rescheduled ? { schedule } : {}) } });
        await recordAudit(tx, {
          type: "access.door_updated",
          actorId: a.actorId,
          subjectId: a.subjectId,
          projectId: a.projectId,
          context,
          metadata: { doorId, name: name ?? before.name, ...(renamed ? { from: before.name, to: name } : {}), ...(rescheduled ? { schedule: true, windows: schedule.length } : {}), ...a.apiKey },
        });
      }
      return detail((await tx.door.findUniqueOrThrow({ where: { id: doorId }, select: SELECT }))!);
    });
  } catch (error) {
    if (nameTaken(error)) throw new AppError("door_name_taken");
    throw error;
  }
}

/** Deletes the door and its lockouts (cascade); past checks stay in the audit log. */
export async function deleteDoor(actor: AccessActor, doorId: string, context: RequestContext): Promise<void> {
  assertCan(actor, "doors.manage");
  const a = audit(actor, context);
  await db.$transaction(async (tx) => {
    const before = await lockDoor(tx, actor, doorId);
    await tx.door.delete({ where: { id: doorId } });
    await recordAudit(tx, { type: "access.door_deleted", actorId: a.actorId, subjectId: a.subjectId, projectId: a.projectId, context, metadata: { doorId, name: before.name, ...a.apiKey } });
  });
}

export async function getDoorSettings(actor: AccessActor): Promise<DoorSettings> {
  assertCan(actor, "access.view");
  const row = await db.project.findUnique({ where: { id: actor.projectId }, select: { timeZone: true, accessRequiresTwoFactor: true } });
  if (!row) throw new AppError("not_found");
  return row;
}

/** The project's door settings: each change its own audit event (a time zone moves every schedule). */
export async function updateDoorSettings(actor: AccessActor, input: DoorSettingsInput, context: RequestContext): Promise<DoorSettings> {
  assertCan(actor, "doors.manage");
  const { timeZone, accessRequiresTwoFactor } = parsed(doorSettingsInput, input);
  const a = audit(actor, context);
  return db.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<DoorSettings[]>`
      SELECT "timeZone", "accessRequiresTwoFactor" FROM "Project" WHERE "id" = ${actor.projectId} FOR UPDATE`;
    if (!before) throw new AppError("not_found");
    const after = { timeZone: timeZone ?? before.timeZone, accessRequiresTwoFactor: accessRequiresTwoFactor ?? before.accessRequiresTwoFactor };
    if (after.timeZone !== before.timeZone) {
      await recordAudit(tx, { type: "access.time_zone_changed", actorId: a.actorId, subjectId: a.subjectId, projectId: a.projectId, context, metadata: { from: before.timeZone, to: after.timeZone, ...a.apiKey } });
    }
    if (after.accessRequiresTwoFactor !== before.accessRequiresTwoFactor) {
      await recordAudit(tx, { type: "access.settings_changed", actorId: a.actorId, subjectId: a.subjectId, projectId: a.projectId, context, metadata: { accessRequiresTwoFactor: after.accessRequiresTwoFactor, ...a.apiKey } });
    }
    if (after.timeZone !== before.timeZone || after.accessRequiresTwoFactor !== before.accessRequiresTwoFactor) {
      await tx.project.update({ where: { id: actor.projectId }, data: after });
    }
    return after;
  });
}

export type KeypadCard = { facilityCode: number; cardNumber: number; accessUserName: string };
export const KEYPAD_CARDS_MAX = 200;

/** The keypad page's card list (the first 200, by person): a card to present without typing it. */
export async function listKeypadCards(actor: AccessActor): Promise<KeypadCard[]> {
  assertCan(actor, "doors.check");
  const rows = await db.accessCard.findMany({
    where: { projectId: actor.projectId },
    select: { facilityCode: true, cardNumber: true, accessUser: { select: { name: true } } },
    orderBy: [{ accessUser: { name: "asc" } }, { facilityCode: "asc" }, { cardNumber: "asc" }],
    take: KEYPAD_CARDS_MAX,
  });
  return rows.map((row) => ({ facilityCode: row.facilityCode, cardNumber: row.cardNumber, accessUserName: row.accessUser.name }));
}
