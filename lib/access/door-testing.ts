import crypto from "node:crypto";
import { db } from "@/lib/db";
import type { AccessRole, ProjectRole } from "@/lib/db/generated/enums";
import { createProject } from "@/lib/projects/projects";
import { context, createUser, sudoActor } from "@/test/factories";
import { sealAccessCode } from "./codes";
import type { ScheduleWindow } from "./door-schemas";
import type { AccessActor } from "./permissions";

/**
 * Test arrangements for doors and door checks (doors.test.ts, door-check.test.ts): rows written
 * directly, so these tests do not depend on the users part's functions.
 */

export async function doorProject(options: { timeZone?: string; accessRequiresTwoFactor?: boolean } = {}) {
  const owner = await createUser();
  const project = await createProject(await sudoActor(owner.id), `Doors ${owner.id.slice(0, 6)}`, context);
  if (options.timeZone || options.accessRequiresTwoFactor) await db.project.update({ where: { id: project.id }, data: options });
  const actor: AccessActor = { kind: "member", projectId: project.id, userId: owner.id, projectRole: "owner", accessRole: null };
  return { projectId: project.id, owner, actor };
}

/** A member of the project with a project role and an access role, as an actor. */
export async function memberOf(projectId: string, role: ProjectRole = "member", accessRole: AccessRole | null = null) {
  const user = await createUser();
  await db.projectMember.create({ data: { projectId, userId: user.id, role, accessRole } });
  const actor: AccessActor = { kind: "member", projectId, userId: user.id, projectRole: role, accessRole };
  return { user, actor };
}

let nextCard = 1000;
/** An access user with one card and the given MFA codes (sealed as the app seals them). */
export async function accessPerson(projectId: string, options: { codes?: string[]; memberUserId?: string; status?: "active" | "suspended"; codesSuspendedAt?: Date; entryCode?: string } = {}) {
  const card = { facilityCode: 42, cardNumber: nextCard++ };
  const user = await db.accessUser.create({
    data: { projectId, name: `Badge ${card.cardNumber}`, memberUserId: options.memberUserId, status: options.status, codesSuspendedAt: options.codesSuspendedAt, cards: { create: { projectId, ...card } } },
  });
  const codes = [...(options.codes ?? []).map((code) => ({ code, kind: "mfa" as const })), ...(options.entryCode ? [{ code: options.entryCode, kind: "entry" as const }] : [])];
  for (const { code, kind } of codes) {
    const id = crypto.randomUUID();
    await db.accessCode.create({ data: { id, projectId, accessUserId: user.id, kind, ...sealAccessCode(projectId, id, code) } });
  }
  return { accessUserId: user.id, ...card };
}

export const allWeek = (mode: ScheduleWindow["mode"]): ScheduleWindow[] => [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "00:00", end: "24:00", mode }));

export async function doorIn(projectId: string, schedule: ScheduleWindow[], name = `Door ${crypto.randomBytes(3).toString("hex")}`) {
  return db.door.create({ data: { projectId, name, schedule } });
}
