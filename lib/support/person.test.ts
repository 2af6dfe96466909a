import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { createUser, enrolTotp, openSession } from "@/test/factories";
import { getPersonForSupport } from "./person";

describe("getPersonForSupport", { timeout: 60_000 }, () => {
  it("shows support the person, their methods by kind, sessions, projects and events; never a secret", async () => {
    const [staff, person, owner] = await Promise.all([createUser(), createUser(), createUser()]);
    await db.user.update({ where: { id: staff.id }, data: { role: "support" } });
    await enrolTotp(staff.id);
    await enrolTotp(person.id);
    await db.twoFactorFactor.create({ data: { userId: person.id, type: "sms", status: "active", phoneHint: "+81 •• •••• 4242", phoneEncrypted: "sealed" } });
    const session = await openSession(person.id, null);
    const project = await db.project.create({ data: { name: "Kiln", requiredLevel: "every_login", secureMethodsOnly: true } });
    await db.projectMember.createMany({ data: [{ projectId: project.id, userId: owner.id, role: "owner" }, { projectId: project.id, userId: person.id, role: "member" }] });
    await recordAudit(db, { type: "auth.sign_in", actorId: person.id });

    const view = await getPersonForSupport(staff.id, person.id);
    expect(view.user).toMatchObject({ id: person.id, email: person.email, role: "user", twoFactorState: "enabled", twoFactorLevel: "every_login" });
    expect(view.factors).toEqual([
      { type: "totp", count: 1, labels: [] },
      { type: "sms", count: 1, labels: ["•• 42"] },
    ]);
    expect(view.recoveryCodesLeft).toBeGreaterThan(0);
    expect(view.sessions.find((row) => row.id === session.id)?.active).toBe(true);
    expect(view.projects).toEqual([{ id: project.id, name: "Kiln", role: "member", compliance: "compliant" }]);
    expect(view.events.map((event) => event.type)).toContain("auth.sign_in");
    expect(view.events.every((event) => event.subjectId === person.id)).toBe(true);
    const text = JSON.stringify(view);
    for (const secret of ["passwordHash", "tokenHash", "secretEncrypted", "phoneEncrypted", "sealed", "4242", "codeHash"]) expect(text).not.toContain(secret);
  });

  it("refuses anyone but support staff with a second factor, and names no one who does not exist", async () => {
    const [plain, staffWithoutFactor, staff, person] = await Promise.all([createUser(), createUser(), createUser(), createUser()]);
    await db.user.update({ where: { id: staffWithoutFactor.id }, data: { role: "support_admin" } });
    await db.user.update({ where: { id: staff.id }, data: { role: "support_admin" } });
    await enrolTotp(staff.id);
    await expect(getPersonForSupport(plain.id, person.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(getPersonForSupport(staffWithoutFactor.id, person.id)).rejects.toMatchObject({ code: "support_two_factor_required" });
    await expect(getPersonForSupport(staff.id, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "not_found" });
    await expect(getPersonForSupport(staff.id, "x'; --")).rejects.toMatchObject({ code: "not_found" });
  });
});
