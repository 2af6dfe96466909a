import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { context, createUser, enrolTotp, openSession, PASSWORD, sudoActor } from "@/test/factories";
import { requirePasswordChange, setRequiredPassword } from "./password-change";
import { requirePasswordChangeSchema } from "./reset-schemas";

const REASON = "Password found in a public credential dump";
const NEW_PASSWORD = "a brand new and unusual passphrase";

async function admin(role: "support" | "support_admin" = "support_admin") {
  const user = await createUser();
  await enrolTotp(user.id);
  await db.user.update({ where: { id: user.id }, data: { role } });
  return sudoActor(user.id);
}

describe("Require password change", { timeout: 120_000 }, () => {
  it("ends every session, flags the person, and is audited with its reason", async () => {
    const actor = await admin();
    const person = await createUser();
    await Promise.all([openSession(person.id, null), openSession(person.id, null)]);
    const { sessionsEnded } = await requirePasswordChange(actor, { userId: person.id, reason: REASON }, context);
    expect(sessionsEnded).toBe(2);
    expect(await db.session.count({ where: { userId: person.id, revokedAt: null } })).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).passwordChangeRequiredAt).not.toBeNull();
    expect(await db.auditEvent.findMany({ where: { subjectId: person.id, type: "support.password_change_required" } })).toMatchObject([
      { actorId: actor.userId, metadata: { reason: REASON, sessionsEnded: 2 } },
    ]);
  });

  it("refuses one's own account, support staff who are not admins, a missing reason", async () => {
    const actor = await admin();
    await expect(requirePasswordChange(actor, { userId: actor.userId, reason: REASON }, context)).rejects.toMatchObject({ code: "support_own_account" });
    const helper = await admin("support");
    const person = await createUser();
    await expect(requirePasswordChange(helper, { userId: person.id, reason: REASON }, context)).rejects.toMatchObject({ code: "support_admin_required" });
    expect(requirePasswordChangeSchema.safeParse({ userId: person.id, reason: " " }).success).toBe(false);
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).passwordChangeRequiredAt).toBeNull();
  });

  it("the next sign-in must set a password that differs from the old one; then the flag is cleared", async () => {
    const actor = await admin();
    const person = await createUser();
    await requirePasswordChange(actor, { userId: person.id, reason: REASON }, context);
    const session = await openSession(person.id, null);
    const self = { userId: person.id, sessionId: session.id };
    await expect(setRequiredPassword(self, PASSWORD, context)).rejects.toMatchObject({ code: "password_unchanged" });
    await setRequiredPassword(self, NEW_PASSWORD, context);
    const after = await db.user.findUniqueOrThrow({ where: { id: person.id } });
    expect(after.passwordChangeRequiredAt).toBeNull();
    expect(await verifyPassword(after.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(await db.auditEvent.count({ where: { subjectId: person.id, type: "password.changed" } })).toBe(1);
    await expect(setRequiredPassword(self, "yet another passphrase entirely", context)).rejects.toMatchObject({ code: "password_change_not_required" });
  });
});
