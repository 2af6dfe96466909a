import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { verifySecondFactor } from "@/lib/mfa/verify-second-factor";
import { projectVerdict } from "@/lib/policy/project";
import { context, createUser, enrolTotp, openSession, PASSWORD, sudoActor } from "@/test/factories";
import { approveTwoFactorReset, refuseTwoFactorReset, resetTwoFactor, withdrawTwoFactorReset } from "./reset";
import { listResets } from "./reset-list";
import { resetTwoFactorSchema } from "./reset-schemas";
import { normalizeTemporaryAccessCode } from "./temporary-access-code";

const REASON = "Identity checked by video call against the passport on file";

/** A support staff member with an authenticator (the console needs one), acting in sudo mode. */
async function staff(role: "support" | "support_admin" = "support_admin", now = new Date()) {
  const user = await createUser();
  await enrolTotp(user.id, now);
  await db.user.update({ where: { id: user.id }, data: { role } });
  return sudoActor(user.id, now);
}

/** A person with an authenticator, recovery codes, a trusted computer and a session. */
async function person() {
  const user = await createUser();
  const { recoveryCodes } = await enrolTotp(user.id);
  await openSession(user.id, null);
  return { user, recoveryCodes };
}

const reset = (actor: { userId: string; sessionId: string }, userId: string, extra: Partial<{ lifetimeHours: number; caseId: string }> = {}, now = new Date(), dual = false) =>
  resetTwoFactor(actor, { userId, reason: REASON, lifetimeHours: 24, ...extra }, context, now, dual);

async function codeFor(outcome: Awaited<ReturnType<typeof reset>>) {
  if (outcome.state !== "issued") throw new Error("no code");
  return outcome.code;
}

describe("Reset two-factor authentication", { timeout: 120_000 }, () => {
  it("removes every factor, code and session, marks the person reset and stores only the code's hash", async () => {
    const admin = await staff();
    const { user } = await person();
    const outcome = await reset(admin, user.id);
    const code = await codeFor(outcome);
    expect(normalizeTemporaryAccessCode(code)).toHaveLength(12);
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.twoFactorResetAt).not.toBeNull();
    expect(after.twoFactorLevel).toBe("disabled");
    expect(await db.twoFactorFactor.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    const stored = await db.temporaryAccessCode.findUniqueOrThrow({ where: { id: outcome.resetId } });
    expect(stored.state).toBe("issued");
    expect(stored.codeHash).toMatch(/^\$argon2id\$/); // salted (DESIGN.md rule 2), not a bare digest
    expect(stored.codeHash).not.toContain(normalizeTemporaryAccessCode(code)!);
    const events = await db.auditEvent.findMany({ where: { subjectId: user.id, type: "support.two_factor_reset" } });
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0]!.metadata)).not.toContain(normalizeTemporaryAccessCode(code)!);
    expect(events[0]!.metadata).toMatchObject({ reason: REASON, lifetimeHours: 24, requestedById: admin.userId });
  });

  it("refuses one's own account, support staff who are not admins, and a session out of sudo", async () => {
    const admin = await staff();
    await expect(reset(admin, admin.userId)).rejects.toMatchObject({ code: "support_own_account" });
    const helper = await staff("support");
    const { user } = await person();
    await expect(reset(helper, user.id)).rejects.toMatchObject({ code: "support_admin_required" });
    const stale = await staff("support_admin", new Date(Date.now() - 60 * 60_000));
    await expect(reset(stale, user.id)).rejects.toMatchObject({ code: "sudo_required" });
    const plain = await sudoActor((await createUser()).id);
    await expect(reset(plain, user.id)).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.twoFactorFactor.count({ where: { userId: user.id } })).toBe(1);
  });

  it("requires a reason of 10 to 500 plain characters and a lifetime of 1 to 72 hours", () => {
    const base = { userId: "u", reason: REASON };
    expect(resetTwoFactorSchema.safeParse({ ...base, reason: "" }).success).toBe(false);
    expect(resetTwoFactorSchema.safeParse({ ...base, reason: "too short" }).success).toBe(false);
    expect(resetTwoFactorSchema.safeParse({ ...base, reason: "x".repeat(501) }).success).toBe(false);
    expect(resetTwoFactorSchema.safeParse({ ...base, reason: "checked\u202Eevil passport" }).success).toBe(false);
    expect(resetTwoFactorSchema.safeParse({ ...base, lifetimeHours: "0" }).success).toBe(false);
    expect(resetTwoFactorSchema.safeParse({ ...base, lifetimeHours: "73" }).success).toBe(false);
    expect(resetTwoFactorSchema.safeParse({ ...base, lifetimeHours: "1.5" }).success).toBe(false);
    expect(resetTwoFactorSchema.parse({ ...base, lifetimeHours: "" }).lifetimeHours).toBe(24);
    expect(resetTwoFactorSchema.parse({ ...base, lifetimeHours: "72" }).lifetimeHours).toBe(72);
  });

  it("a new code revokes the earlier unused one", async () => {
    const admin = await staff();
    const { user } = await person();
    const first = await reset(admin, user.id);
    const second = await reset(admin, user.id);
    expect((await db.temporaryAccessCode.findUniqueOrThrow({ where: { id: first.resetId } })).state).toBe("revoked");
    expect((await db.temporaryAccessCode.findUniqueOrThrow({ where: { id: second.resetId } })).state).toBe("issued");
    const session = await openSession(user.id, "temporary_code");
    const old = await verifySecondFactor({ userId: user.id, sessionId: session.id, method: "temporary_access_code", code: await codeFor(first), purpose: "sign_in" }, context);
    expect(old.ok).toBe(false);
  });

  it("10 parallel resets of one person by two admins leave exactly one live code, the only one that signs in", async () => {
    const admins = [await staff(), await staff()];
    // Nothing left to lock in common but the person: no factor, recovery code or session (as
    // after an earlier reset), so only the reset's own serialization keeps the codes to one.
    const user = await createUser();
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => reset(admins[i % 2]!, user.id)));
    const rows = await db.temporaryAccessCode.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(10);
    const live = rows.filter((row) => row.state === "issued");
    expect(live).toHaveLength(1);
    expect(rows.filter((row) => row.state === "revoked")).toHaveLength(9);
    const signIn = (code: string) =>
      openSession(user.id, "temporary_code").then((session) =>
        verifySecondFactor({ userId: user.id, sessionId: session.id, method: "temporary_access_code", code, purpose: "sign_in" }, context),
      );
    for (const outcome of outcomes.filter((outcome) => outcome.resetId !== live[0]!.id)) expect((await signIn(await codeFor(outcome))).ok).toBe(false);
    expect((await signIn(await codeFor(outcomes.find((outcome) => outcome.resetId === live[0]!.id)!))).ok).toBe(true);
  });
});

describe("signing in with the temporary access code", { timeout: 120_000 }, () => {
  it("the password alone is not enough; the code signs in once with a session a project's policy does not count", async () => {
    const admin = await staff();
    const { user } = await person();
    const code = await codeFor(await reset(admin, user.id));
    const signIn = await signInWithPassword({ email: user.email, password: PASSWORD }, context);
    if (!signIn.ok) throw new Error("sign-in refused");
    const pending = await db.session.findUniqueOrThrow({ where: { id: signIn.sessionId } });
    expect(pending.pendingStep).toBe("temporary_code");
    // A typed code is read kindly: lower case, spaces, O for 0.
    const typed = code.toLowerCase().replace(/-/g, " ").replace(/0/g, "o");
    const passed = await verifySecondFactor({ userId: user.id, sessionId: pending.id, method: "temporary_access_code", code: typed, purpose: "sign_in" }, context);
    expect(passed.ok).toBe(true);
    const session = await db.session.findUniqueOrThrow({ where: { id: passed.ok ? passed.sessionId! : "" } });
    expect(session.factorMethod).toBe("temporary_access_code");
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "support.temporary_code_used" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "auth.sign_in", metadata: { path: ["method"], equals: "temporary_access_code" } } })).toBe(1);
    const policy = { requiredLevel: "once_per_computer", secureMethodsOnly: false, graceEndsAt: null, graceScope: "everyone" } as const;
    // No factor left: enrol. Even with a factor, a session passed by the code is not verified.
    expect(projectVerdict(policy, { level: "disabled", factorTypes: [], exemptUntil: null }, session, new Date())).toEqual({ kind: "enrol" });
    expect(projectVerdict(policy, { level: "disabled", factorTypes: ["totp"], exemptUntil: null }, session, new Date())).toEqual({ kind: "verify" });
    // Used: a second sign-in with it fails.
    const again = await openSession(user.id, "temporary_code");
    const reused = await verifySecondFactor({ userId: user.id, sessionId: again.id, method: "temporary_access_code", code, purpose: "sign_in" }, context);
    expect(reused).toMatchObject({ ok: false, code: "code_used" });
  });

  it("an expired code is refused, and it answers no sudo prompt", async () => {
    const admin = await staff();
    const { user } = await person();
    const issuedAt = new Date(Date.now() - 2 * 3_600_000);
    const code = await codeFor(await reset({ ...admin, sessionId: (await sudoActor(admin.userId, issuedAt)).sessionId }, user.id, { lifetimeHours: 1 }, issuedAt));
    const session = await openSession(user.id, "temporary_code");
    const result = await verifySecondFactor({ userId: user.id, sessionId: session.id, method: "temporary_access_code", code, purpose: "sign_in" }, context);
    expect(result).toMatchObject({ ok: false, code: "invalid_code" });
    const signedIn = await openSession(user.id, null);
    const sudo = await verifySecondFactor({ userId: user.id, sessionId: signedIn.id, method: "temporary_access_code", code, purpose: "sudo" }, context);
    expect(sudo.ok).toBe(false);
  });

  it("50 parallel sign-ins with one code: exactly one succeeds", async () => {
    const admin = await staff();
    const { user } = await person();
    const code = await codeFor(await reset(admin, user.id));
    const sessions = await Promise.all(Array.from({ length: 50 }, () => openSession(user.id, "temporary_code")));
    const results = await Promise.all(
      sessions.map((session) => verifySecondFactor({ userId: user.id, sessionId: session.id, method: "temporary_access_code", code, purpose: "sign_in" }, context)),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await db.temporaryAccessCode.count({ where: { userId: user.id, state: "used" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "support.temporary_code_used" } })).toBe(1);
  });

  it("parallel wrong codes are counted and held to the limits (5 per challenge, 10 lock)", async () => {
    const admin = await staff();
    const { user } = await person();
    await reset(admin, user.id);
    const [one, two, three] = await Promise.all([1, 2, 3].map(() => openSession(user.id, "temporary_code")));
    const wrong = (sessionId: string) => verifySecondFactor({ userId: user.id, sessionId, method: "temporary_access_code", code: "AAAA-BBBB-CCCC", purpose: "sign_in" }, context);
    const results = await Promise.all([...Array.from({ length: 8 }, () => wrong(one!.id)), ...Array.from({ length: 8 }, () => wrong(two!.id)), ...Array.from({ length: 8 }, () => wrong(three!.id))]);
    expect(results.every((result) => !result.ok)).toBe(true);
    // At most 10 codes were checked (each check writes one failure event); the person is locked.
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "two_factor.challenge_failed" } })).toBeLessThanOrEqual(10);
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.twoFactorLockedUntil).not.toBeNull();
    for (const session of [one!, two!, three!]) {
      expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).challengeFailures).toBeLessThanOrEqual(5);
    }
  });
});

describe("dual control", { timeout: 120_000 }, () => {
  it("a request changes nothing; the requester cannot approve; another admin's approval issues the code", async () => {
    const requester = await staff();
    const approver = await staff();
    const { user } = await person();
    const requested = await reset(requester, user.id, {}, new Date(), true);
    expect(requested.state).toBe("pending_approval");
    expect(await db.twoFactorFactor.count({ where: { userId: user.id } })).toBe(1);
    await expect(approveTwoFactorReset(requester, requested.resetId, context)).rejects.toMatchObject({ code: "reset_own_request" });
    const approved = await approveTwoFactorReset(approver, requested.resetId, context);
    expect(approved.state).toBe("issued");
    expect(await db.twoFactorFactor.count({ where: { userId: user.id } })).toBe(0);
    const row = await db.temporaryAccessCode.findUniqueOrThrow({ where: { id: requested.resetId } });
    expect(row).toMatchObject({ state: "issued", requestedById: requester.userId, approvedById: approver.userId });
    await expect(refuseTwoFactorReset(approver, requested.resetId, context)).rejects.toMatchObject({ code: "reset_not_pending" });
  });

  it("two admins approving at once: one code", async () => {
    const requester = await staff();
    const approvers = await Promise.all([1, 2, 3, 4].map(() => staff()));
    const { user } = await person();
    const requested = await reset(requester, user.id, {}, new Date(), true);
    const results = await Promise.allSettled(approvers.map((approver) => approveTwoFactorReset(approver, requested.resetId, context)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "support.two_factor_reset" } })).toBe(1);
  });

  it("a refusal leaves the account as it was", async () => {
    const requester = await staff();
    const refuser = await staff();
    const { user } = await person();
    const requested = await reset(requester, user.id, {}, new Date(), true);
    await refuseTwoFactorReset(refuser, requested.resetId, context);
    expect((await db.temporaryAccessCode.findUniqueOrThrow({ where: { id: requested.resetId } })).state).toBe("refused");
    expect(await db.twoFactorFactor.count({ where: { userId: user.id } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).twoFactorResetAt).toBeNull();
  });

  it("a request not decided within 24 hours expires: approval is refused and the tab lists it as expired", async () => {
    const requester = await staff();
    const approver = await staff();
    const { user } = await person();
    const asked = new Date(Date.now() - 25 * 3_600_000);
    const requested = await reset({ ...requester, sessionId: (await sudoActor(requester.userId, asked)).sessionId }, user.id, {}, asked, true);
    await expect(approveTwoFactorReset(approver, requested.resetId, context)).rejects.toMatchObject({ code: "reset_request_expired" });
    expect(await db.twoFactorFactor.count({ where: { userId: user.id } })).toBe(1);
    expect((await listResets(new Date(), 500)).find((row) => row.id === requested.resetId)?.shownState).toBe("expired");
    // A day less an hour: still pending, and approvable.
    const fresh = await reset(requester, user.id, {}, new Date(), true);
    expect((await listResets(new Date(Date.now() + 23 * 3_600_000), 500)).find((row) => row.id === fresh.resetId)?.shownState).toBe("pending_approval");
  });

  it("the requester withdraws their own pending request, once, audited; nobody else can, and it cannot be approved afterwards", async () => {
    const requester = await staff();
    const other = await staff();
    const { user } = await person();
    const requested = await reset(requester, user.id, {}, new Date(), true);
    await expect(withdrawTwoFactorReset(other, requested.resetId, context)).rejects.toMatchObject({ code: "not_found" });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => withdrawTwoFactorReset(requester, requested.resetId, context)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((result) => result.status === "rejected").every((result) => (result as PromiseRejectedResult).reason.code === "reset_not_pending")).toBe(true);
    expect((await db.temporaryAccessCode.findUniqueOrThrow({ where: { id: requested.resetId } })).state).toBe("refused");
    expect((await listResets(new Date(), 500)).find((row) => row.id === requested.resetId)?.shownState).toBe("withdrawn");
    const events = await db.auditEvent.findMany({ where: { subjectId: user.id, type: "support.two_factor_reset_withdrawn" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: requester.userId, metadata: { resetId: requested.resetId, reason: REASON, requestedById: requester.userId } });
    await expect(approveTwoFactorReset(other, requested.resetId, context)).rejects.toMatchObject({ code: "reset_not_pending" });
    expect(await db.twoFactorFactor.count({ where: { userId: user.id } })).toBe(1);
  });
});
