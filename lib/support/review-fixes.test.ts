import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { trustComputer } from "@/lib/mfa/trusted-computers";
import { context, createUser, enrolTotp, sudoActor } from "@/test/factories";
import { requirePasswordChange } from "./password-change";
import { resetTwoFactor } from "./reset";
import { openSupportCase } from "./cases";
import { findPersonIdByEmail } from "./person";
import { listSupportCases } from "./cases-list";
import { auditFilterSchema } from "./audit-filter";
import { fileRecoveryRequest } from "./recovery-request";
import { resetTwoFactorSchema } from "./reset-schemas";

const REASON = "Password found in a public credential dump";
const NEW_PASSWORD = "a brand new and unusual passphrase";
const MESSAGE = "I lost my phone with the authenticator app and my printed recovery codes in a move.";

async function admin() {
  const user = await createUser();
  await enrolTotp(user.id);
  await db.user.update({ where: { id: user.id }, data: { role: "support_admin" } });
  return sudoActor(user.id);
}

describe("review of issue 11's support actions", { timeout: 120_000 }, () => {
  it("Require password change also ends trusted computers: a stolen trusted browser and the known password must not choose the new one", async () => {
    const actor = await admin();
    const person = await createUser();
    await enrolTotp(person.id);
    await trustComputer(person.id, "totp", context);
    await requirePasswordChange(actor, { userId: person.id, reason: REASON }, context);
    expect(await db.trustedComputer.count({ where: { userId: person.id, revokedAt: null } })).toBe(0);
  });

  it("a new password set from a reset link meets a required password change", async () => {
    const actor = await admin();
    const person = await createUser();
    await requirePasswordChange(actor, { userId: person.id, reason: REASON }, context);
    const { deliver } = await requestPasswordReset({ email: person.email }, context);
    await deliver();
    const message = await db.outboxMessage.findFirstOrThrow({ where: { to: person.email, subject: { contains: "Reset" } }, orderBy: { createdAt: "desc" } });
    const token = message.text.match(/reset-password\?token=([\w-]{43})/)![1]!;
    await resetPassword({ token, password: NEW_PASSWORD }, context);
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).passwordChangeRequiredAt).toBeNull();
  });

  it("a reset or a password change names only a case about that person", async () => {
    const actor = await admin();
    const person = await createUser();
    const other = await createUser();
    const otherCase = await db.$transaction((tx) => openSupportCase(tx, { kind: "recovery_request", userId: other.id, contactEmail: other.email, message: MESSAGE }));
    const unknownCase = "7d0b1a52-58a4-4f0e-9a39-2b8f3f0c6a11";
    for (const caseId of [otherCase.id, unknownCase]) {
      await expect(resetTwoFactor(actor, { userId: person.id, reason: REASON, lifetimeHours: 24, caseId }, context, new Date(), false)).rejects.toMatchObject({ code: "not_found" });
      await expect(requirePasswordChange(actor, { userId: person.id, reason: REASON, caseId }, context)).rejects.toMatchObject({ code: "not_found" });
    }
    expect(await db.temporaryAccessCode.count({ where: { userId: person.id } })).toBe(0);
    const own = await db.$transaction((tx) => openSupportCase(tx, { kind: "recovery_request", userId: person.id, contactEmail: person.email, message: MESSAGE }));
    await expect(resetTwoFactor(actor, { userId: person.id, reason: REASON, lifetimeHours: 24, caseId: own.id }, context, new Date(), false)).resolves.toMatchObject({ state: "issued" });
  });

  it("an id with a NUL or other odd characters is refused by the schema, not by PostgreSQL", () => {
    expect(resetTwoFactorSchema.safeParse({ userId: "\u0000", reason: REASON }).success).toBe(false);
    expect(resetTwoFactorSchema.safeParse({ userId: "a'b\u202E", reason: REASON }).success).toBe(false);
  });

  it("recovery requests from many accounts cannot flood one contact address", async () => {
    const victim = `victim-${crypto.randomUUID()}@example.test`;
    const outcomes: string[] = [];
    for (let i = 0; i < 7; i++) {
      const user = await createUser();
      await enrolTotp(user.id);
      const start = new Date(Date.now() + i * 61_000);
      outcomes.push(await fileRecoveryRequest(user.id, { contactEmail: victim, message: MESSAGE }, context, start).then((r) => r.outcome, (e) => e.code));
    }
    expect(await db.outboxMessage.count({ where: { to: victim } })).toBeLessThanOrEqual(5);
    expect(outcomes.filter((o) => o === "email_throttled").length).toBeGreaterThan(0);
  });

  it("/support/people?email= with a NUL finds nobody instead of failing in PostgreSQL", async () => {
    const viewer = await admin();
    await expect(findPersonIdByEmail(viewer.userId, "a\u0000b@example.test")).resolves.toBeNull();
  });

  it("a crafted Cases cursor with a time PostgreSQL cannot hold reads as the first page", async () => {
    const viewer = await admin();
    for (const at of ["-271821-04-20T00:00:00.000Z", "+275760-09-13T00:00:00.000Z", "0000-01-01T00:00:00.000Z"]) {
      const cursor = Buffer.from(`${at}|7d0b1a52-58a4-4f0e-9a39-2b8f3f0c6a11`).toString("base64url");
      await expect(listSupportCases(viewer.userId, { state: "all", kind: "all", cursor })).resolves.toBeTruthy();
    }
  });

  it("the console's filter refuses days that are no days and addresses with a NUL (each was a 500 in its SQL)", () => {
    for (const input of [{ from: "2026-13-01" }, { to: "2026-02-31" }, { to: "0000-01-01" }, { email: "a\u0000b@example.test" }]) {
      expect(auditFilterSchema.safeParse(input).success, JSON.stringify(input)).toBe(false);
    }
    expect(auditFilterSchema.safeParse({ from: "2024-02-29", to: "2026-11-26", email: "a@example.test" }).success).toBe(true);
  });

  it("the copy to a typed contact address does not carry the account's name (anyone chooses it)", async () => {
    const user = await createUser();
    await enrolTotp(user.id);
    await db.user.update({ where: { id: user.id }, data: { name: "URGENT call +1 555 0100 to unlock" } });
    const contact = `contact-${crypto.randomUUID()}@example.test`;
    await fileRecoveryRequest(user.id, { contactEmail: contact, message: MESSAGE }, context);
    const [copy] = await db.outboxMessage.findMany({ where: { to: contact } });
    expect(copy!.text).not.toContain("URGENT");
    expect((await db.outboxMessage.findFirstOrThrow({ where: { to: user.email }, orderBy: { createdAt: "desc" } })).text).toContain("URGENT");
  });
});
