import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordFactorAdded } from "@/lib/mfa/factor-changes";
import { context, createUser, enrolTotp } from "@/test/factories";
import { enrolPhone } from "@/test/phone";
import { seedPerson, seedProject } from "@/test/project-people";

/**
 * Issue 10, item 7: "each enforcement that … enrolled someone" is an audit event in the project.
 * A factor that makes a member comply with a project that requires 2FA, where nothing they had
 * counted before, writes project.enforcement_enrolled there, in the factor's own transaction.
 */

const NOW = new Date("2030-05-06T07:08:09Z");
const DAY = 86_400_000;

const enrolledEvents = (userId: string) =>
  db.auditEvent.findMany({ where: { subjectId: userId, type: "project.enforcement_enrolled" }, orderBy: { projectId: "asc" } });

describe("project.enforcement_enrolled", { timeout: 60_000 }, () => {
  it("a phone enrols the member where phones count; the app then where only secure methods count; nothing else is recorded", async () => {
    const owner = await seedPerson({ factors: ["totp"] });
    const member = await createUser();
    const everyLogin = await seedProject({ requiredLevel: "every_login", members: [{ person: owner, role: "owner" }, { person: { userId: member.id }, role: "member" }] });
    const secureOnly = await seedProject({
      requiredLevel: "once_per_computer",
      secureMethodsOnly: true,
      members: [{ person: owner, role: "owner" }, { person: { userId: member.id }, role: "member" }],
    });
    const inGrace = await seedProject({
      requiredLevel: "once_per_computer",
      graceEndsAt: new Date(NOW.getTime() + 7 * DAY),
      members: [{ person: owner, role: "owner" }, { person: { userId: member.id }, role: "admin" }],
    });
    const disabled = await seedProject({ members: [{ person: owner, role: "owner" }, { person: { userId: member.id }, role: "member" }] });
    // A project the member is not in says nothing about them.
    const elsewhere = await seedProject({ requiredLevel: "every_login", members: [{ person: owner, role: "owner" }] });

    await enrolPhone(member.id, NOW);
    const afterPhone = await enrolledEvents(member.id);
    expect(afterPhone.map((event) => event.projectId).sort()).toEqual([everyLogin.id, inGrace.id].sort());
    for (const event of afterPhone) {
      expect(event).toMatchObject({ actorId: member.id, subjectId: member.id, outcome: "success", ip: context.ip });
    }
    expect(afterPhone.find((event) => event.projectId === everyLogin.id)?.metadata).toEqual({ method: "sms", requiredLevel: "every_login", secureMethodsOnly: false });
    expect(afterPhone.find((event) => event.projectId === inGrace.id)?.metadata).toEqual({ method: "sms", requiredLevel: "once_per_computer", secureMethodsOnly: false });

    // The app counts under Secure methods only: enrolled there now, and only there.
    await enrolTotp(member.id, new Date(NOW.getTime() + 60_000));
    const afterApp = await enrolledEvents(member.id);
    expect(afterApp).toHaveLength(3);
    const secure = afterApp.filter((event) => event.projectId === secureOnly.id);
    expect(secure.map((event) => event.metadata)).toEqual([{ method: "totp", requiredLevel: "once_per_computer", secureMethodsOnly: true }]);

    expect(await db.auditEvent.count({ where: { projectId: { in: [disabled.id, elsewhere.id] }, type: "project.enforcement_enrolled" } })).toBe(0);
  });

  it("a phone under Secure methods only enrols nobody: no event", async () => {
    const owner = await seedPerson({ factors: ["totp"] });
    const member = await createUser();
    const project = await seedProject({
      requiredLevel: "every_login",
      secureMethodsOnly: true,
      members: [{ person: owner, role: "owner" }, { person: { userId: member.id }, role: "member" }],
    });
    await enrolPhone(member.id, NOW);
    expect(await db.auditEvent.count({ where: { projectId: project.id } })).toBe(0);
    // The phone's own event is there, in the person's log: only the project's is not.
    expect(await db.auditEvent.count({ where: { actorId: member.id, type: "two_factor.enabled" } })).toBe(1);
  });

  it("many factors confirmed at once enrol the member once", async () => {
    const owner = await seedPerson({ factors: ["totp"] });
    const member = await createUser();
    const project = await seedProject({ requiredLevel: "every_login", members: [{ person: owner, role: "owner" }, { person: { userId: member.id }, role: "member" }] });
    // As the flows do it: the factor turns active in the transaction that then records it.
    const keys = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        db.twoFactorFactor.create({ data: { userId: member.id, type: "webauthn", status: "pending", name: `Key ${i}`, credentialId: `cred-${member.id}-${i}`, publicKey: Buffer.alloc(8), signCount: 0n } }),
      ),
    );
    await Promise.all(
      keys.map((key) =>
        db.$transaction(async (tx) => {
          await tx.twoFactorFactor.update({ where: { id: key.id }, data: { status: "active", confirmedAt: NOW } });
          await recordFactorAdded(tx, { userId: member.id, factorId: key.id, type: "webauthn", name: key.name }, context, NOW);
        }),
      ),
    );
    expect(await db.auditEvent.count({ where: { projectId: project.id, type: "project.enforcement_enrolled" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { actorId: member.id, type: "two_factor.enabled" } })).toBe(1);
  });
});
