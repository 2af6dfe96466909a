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
