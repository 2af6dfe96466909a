import crypto from "node:crypto";
import { sealAccessCode } from "@/lib/access/codes";
import type { ScheduleWindow } from "@/lib/access/door-schemas";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record";
import type { Role } from "@/lib/db/generated/enums";

/**
 * Demo accounts for the development mode. Seeded by scripts/prepare.ts in development only.
 * The support accounts get no authenticator on purpose: like a new staff member, they are sent
 * to enrol one on their first visit to /support (lib/support/support-access.ts), which is the
 * journey to try; a seeded secret printed to the console would be a shared second factor.
 */
export const DEMO_ACCOUNTS: { name: string; email: string; password: string; role: Role }[] = [
  { name: "Avery Member", email: "member@demo.tessera", password: "tessera-member-demo", role: "user" },
  { name: "Olive Owner", email: "owner@demo.tessera", password: "tessera-owner-demo", role: "user" },
  { name: "Sam Support", email: "support@demo.tessera", password: "tessera-support-demo", role: "support" },
  { name: "Ada Admin", email: "admin@demo.tessera", password: "tessera-admin-demo", role: "support_admin" },
];

export async function seedDemoData(): Promise<number> {
  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    if (await db.user.findUnique({ where: { email: account.email } })) continue;
    const passwordHash = await hashPassword(account.password);
    await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { name: account.name, email: account.email, role: account.role, passwordHash, emailVerifiedAt: new Date() },
      });
      await recordAudit(tx, { type: "account.created", actorId: user.id, metadata: { source: "demo_seed" } });
    });
    created++;
  }
  await seedDemoProject();
  await seedDemoAccess();
  return created;
}

export const DEMO_PROJECT_NAME = "Demo project";

/**
 * A project owned by the demo owner with the demo member in it, requiring nothing yet: the
 * owner can try Settings (require 2FA, see who it hits) and the member then meets enrolment.
 * Seeded once; a person who deleted it has chosen so, so it is not brought back while the owner
 * is in any project.
 */
async function seedDemoProject() {
  const [owner, member] = await Promise.all(
    ["owner@demo.tessera", "member@demo.tessera"].map((email) => db.user.findUnique({ where: { email }, select: { id: true } })),
  );
  if (!owner || !member) return;
  if ((await db.projectMember.count({ where: { userId: owner.id } })) > 0) return;
  await db.$transaction(async (tx) => {
    const project = await tx.project.create({
      data: {
        name: DEMO_PROJECT_NAME,
        members: { create: [{ userId: owner.id, role: "owner" }, { userId: member.id, role: "member" }] },
      },
    });
    await recordAudit(tx, { type: "project.created", actorId: owner.id, projectId: project.id, metadata: { name: DEMO_PROJECT_NAME, source: "demo_seed" } });
    await recordAudit(tx, { type: "project.member_joined", actorId: member.id, subjectId: member.id, projectId: project.id, metadata: { role: "member", source: "demo_seed" } });
  });
}

/** The demo project's doors: the entrance opens with a card all week, the server room asks for a code on weekdays. */
const DEMO_DOORS: { name: string; schedule: ScheduleWindow[] }[] = [
  { name: "Main entrance", schedule: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "00:00", end: "24:00", mode: "card_only" as const })) },
  { name: "Server room", schedule: [1, 2, 3, 4, 5].map((day) => ({ day, start: "07:00", end: "19:00", mode: "card_and_code" as const })) },
];

/**
 * Access users of the demo project, to try on the keypad page: their badge (facility 100) and
 * MFA code are demo values like the passwords above. Avery is linked to the demo member, so
 * "Linked members need two-factor authentication" can be tried on them.
 */
export const DEMO_ACCESS_USERS = [
  { name: "Avery Member", email: "member@demo.tessera", cardNumber: 10001, code: "246810", linked: true },
  { name: "Blake Facilities", email: null, cardNumber: 10002, code: "135790", linked: false },
  { name: "Casey Contractor", email: null, cardNumber: 10003, code: "112233", linked: false },
];

/** Doors and access users in the demo project, written once: not brought back once it has either. */
async function seedDemoAccess() {
  const owner = await db.user.findUnique({ where: { email: "owner@demo.tessera" }, select: { id: true } });
  const member = await db.user.findUnique({ where: { email: "member@demo.tessera" }, select: { id: true } });
  if (!owner) return;
  const project = await db.project.findFirst({ where: { name: DEMO_PROJECT_NAME, members: { some: { userId: owner.id, role: "owner" } } }, select: { id: true } });
  if (!project) return;
  const projectId = project.id;
  if ((await db.door.count({ where: { projectId } })) + (await db.accessUser.count({ where: { projectId } })) > 0) return;
  await db.$transaction(async (tx) => {
    for (const door of DEMO_DOORS) {
      const row = await tx.door.create({ data: { projectId, name: door.name, schedule: door.schedule } });
      await recordAudit(tx, { type: "access.door_created", actorId: owner.id, projectId, metadata: { doorId: row.id, name: door.name, windows: door.schedule.length, source: "demo_seed" } });
    }
    // Written as the owner would through the pages, with the same events (lib/access/users.ts,
    // credentials.ts), marked as the seed's; the code event names the kind and length, never the code.
    const audit = { actorId: owner.id, projectId };
    for (const person of DEMO_ACCESS_USERS) {
      const memberUserId = person.linked ? (member?.id ?? null) : null;
      const externalId = `demo-${person.cardNumber}`;
      const user = await tx.accessUser.create({ data: { projectId, name: person.name, email: person.email, externalId, memberUserId }, select: { id: true } });
      await recordAudit(tx, {
        ...audit,
        type: "access.user_created",
        metadata: { accessUserId: user.id, name: person.name, status: "active", externalId, ...(memberUserId ? { memberUserId } : {}), source: "demo_seed" },
      });
      const card = await tx.accessCard.create({ data: { projectId, accessUserId: user.id, facilityCode: 100, cardNumber: person.cardNumber }, select: { id: true } });
      await recordAudit(tx, { ...audit, type: "access.card_added", metadata: { accessUserId: user.id, cardId: card.id, facilityCode: 100, cardNumber: person.cardNumber, source: "demo_seed" } });
      const codeId = crypto.randomUUID();
      const sealed = sealAccessCode(projectId, codeId, person.code);
      await tx.accessCode.create({ data: { id: codeId, projectId, accessUserId: user.id, kind: "mfa", ...sealed } });
      await recordAudit(tx, { ...audit, type: "access.code_added", metadata: { accessUserId: user.id, accessCodeId: codeId, kind: "mfa", length: sealed.length, generated: false, source: "demo_seed" } });
    }
  });
}
