import { db, type Tx } from "@/lib/db";
import { suspendLinkedCodes } from "@/lib/access/link";
import { recordAudit } from "@/lib/audit/record";
import { endOtherSessions } from "@/lib/auth/sessions";
import { notifyUser } from "@/lib/email/notify";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { revokeAllTrustedComputers } from "@/lib/mfa/trusted-computers";
import type { Actor } from "@/lib/policy";
import type { ResetTwoFactorInput } from "./reset-schemas";
import { requireCaseOf, requireSupportAdminOver } from "./reset-guard";
import { hashTemporaryAccessCode, newTemporaryAccessCode } from "./temporary-access-code";

/** No session has this id: endOtherSessions then ends every session of the person. */
const NO_CURRENT_SESSION = "";

export const dualControlOn = () => getEnv().SUPPORT_DUAL_CONTROL === "on";

/** A dual-control request no second admin decided within a day expires (it reads "Expired"; approval is refused). */
export const PENDING_REQUEST_HOURS = 24;
export const pendingRequestCutoff = (now: Date) => new Date(now.getTime() - PENDING_REQUEST_HOURS * 3_600_000);

export type ResetOutcome =
  | { state: "issued"; resetId: string; code: string; expiresAt: Date }
  | { state: "pending_approval"; resetId: string };

/**
 * **Reset two-factor authentication** (a support admin, after an identity check): without dual
 * control the reset happens at once and the temporary access code is returned, to be shown
 * once; with SUPPORT_DUAL_CONTROL=on it is only requested, and nothing changes on the account
 * until a second support admin approves it (approveTwoFactorReset).
 */
export async function resetTwoFactor(
  actor: Actor,
  input: ResetTwoFactorInput,
  context: RequestContext,
  now = new Date(),
  dualControl = dualControlOn(),
): Promise<ResetOutcome> {
  await requireSupportAdminOver(actor, input.userId, now);
  if (!(await db.user.count({ where: { id: input.userId } }))) throw new AppError("not_found");
  await requireCaseOf(input.userId, input.caseId);
  const request = { userId: input.userId, reason: input.reason, lifetimeHours: input.lifetimeHours, requestedById: actor.userId, caseId: input.caseId ?? null };
  if (dualControl) {
    const reset = await db.$transaction(async (tx) => {
      const created = await tx.temporaryAccessCode.create({ data: { ...request, state: "pending_approval", createdAt: now }, select: { id: true } });
      await recordAudit(tx, {
        type: "support.two_factor_reset_requested",
        actorId: actor.userId,
        subjectId: input.userId,
        metadata: { resetId: created.id, reason: input.reason, lifetimeHours: input.lifetimeHours, requestedById: actor.userId, ...(input.caseId ? { caseId: input.caseId } : {}) },
        context,
        at: now,
      });
      return created;
    });
    return { state: "pending_approval", resetId: reset.id };
  }
  const issued = await db.$transaction(async (tx) => {
    const created = await tx.temporaryAccessCode.create({ data: { ...request, state: "issued", createdAt: now }, select: { id: true } });
    return performReset(tx, { resetId: created.id, ...request, approvedById: null }, actor.userId, context, now);
  });
  await notifyUser(input.userId, { template: "two-factor-reset-by-support" });
  return issued;
}

/**
 * Approves a pending reset (dual control): claimed atomically (only a pending row moves, and
 * only for an admin who neither requested it nor is its person), then the reset itself in the
 * same transaction; of two admins approving at once, one gets the code and the other
 * "reset_not_pending".
 */
export async function approveTwoFactorReset(actor: Actor, resetId: string, context: RequestContext, now = new Date()): Promise<ResetOutcome> {
  const reset = await pendingReset(actor, resetId, now);
  const issued = await db.$transaction(async (tx) => {
    const [claimed] = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "TemporaryAccessCode" SET "state" = 'issued', "approvedById" = ${actor.userId}
      WHERE "id" = ${resetId} AND "state" = 'pending_approval' AND "requestedById" <> ${actor.userId} AND "userId" <> ${actor.userId}
        AND "createdAt" > ${pendingRequestCutoff(now)}::timestamp(3)
      RETURNING "id"`;
    if (!claimed) throw new AppError("reset_not_pending");
    await recordAudit(tx, {
      type: "support.two_factor_reset_approved",
      actorId: actor.userId,
      subjectId: reset.userId,
      metadata: { resetId, reason: reset.reason, lifetimeHours: reset.lifetimeHours, requestedById: reset.requestedById, approvedById: actor.userId, ...(reset.caseId ? { caseId: reset.caseId } : {}) },
      context,
      at: now,
    });
    return performReset(tx, { resetId, ...reset, approvedById: actor.userId }, actor.userId, context, now);
  });
  await notifyUser(reset.userId, { template: "two-factor-reset-by-support" });
  return issued;
}

/** Refuses a pending reset (dual control): claimed the same way; the account stays as it was. */
export async function refuseTwoFactorReset(actor: Actor, resetId: string, context: RequestContext, now = new Date()): Promise<void> {
  const reset = await pendingReset(actor, resetId, now);
  await db.$transaction(async (tx) => {
    const [claimed] = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "TemporaryAccessCode" SET "state" = 'refused', "approvedById" = ${actor.userId}, "revokedAt" = ${now}::timestamp(3)
      WHERE "id" = ${resetId} AND "state" = 'pending_approval' AND "requestedById" <> ${actor.userId} AND "userId" <> ${actor.userId}
      RETURNING "id"`;
    if (!claimed) throw new AppError("reset_not_pending");
    await recordAudit(tx, {
      type: "support.two_factor_reset_refused",
      actorId: actor.userId,
      subjectId: reset.userId,
      metadata: { resetId, reason: reset.reason, requestedById: reset.requestedById, refusedById: actor.userId, ...(reset.caseId ? { caseId: reset.caseId } : {}) },
      context,
      at: now,
    });
  });
}

/**
 * The requester withdraws their own pending request (dual control): claimed atomically, only
 * while pending and only by the admin who asked; it is kept as refused with no decider, which
 * the Resets tab reads as "Withdrawn". The account stays as it was.
 */
export async function withdrawTwoFactorReset(actor: Actor, resetId: string, context: RequestContext, now = new Date()): Promise<void> {
  const reset = await db.temporaryAccessCode.findUnique({ where: { id: resetId }, select: { userId: true, reason: true, requestedById: true, caseId: true } });
  if (!reset || reset.requestedById !== actor.userId) throw new AppError("not_found");
  await requireSupportAdminOver(actor, reset.userId, now);
  await db.$transaction(async (tx) => {
    const [claimed] = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "TemporaryAccessCode" SET "state" = 'refused', "revokedAt" = ${now}::timestamp(3)
      WHERE "id" = ${resetId} AND "state" = 'pending_approval' AND "requestedById" = ${actor.userId}
      RETURNING "id"`;
    if (!claimed) throw new AppError("reset_not_pending");
    await recordAudit(tx, {
      type: "support.two_factor_reset_withdrawn",
      actorId: actor.userId,
      subjectId: reset.userId,
      metadata: { resetId, reason: reset.reason, requestedById: actor.userId, ...(reset.caseId ? { caseId: reset.caseId } : {}) },
      context,
      at: now,
    });
  });
}

/** The pending reset an admin may decide, with the checks every decision makes first. */
async function pendingReset(actor: Actor, resetId: string, now: Date) {
  const reset = await db.temporaryAccessCode.findUnique({
    where: { id: resetId },
    select: { userId: true, state: true, reason: true, lifetimeHours: true, requestedById: true, caseId: true, createdAt: true },
  });
  if (!reset) throw new AppError("not_found");
  await requireSupportAdminOver(actor, reset.userId, now);
  if (reset.requestedById === actor.userId) throw new AppError("reset_own_request");
  if (reset.state !== "pending_approval") throw new AppError("reset_not_pending");
  if (reset.createdAt <= pendingRequestCutoff(now)) throw new AppError("reset_request_expired");
  const { createdAt: _createdAt, ...rest } = reset;
  return rest;
}

type ResetRequest = { resetId: string; userId: string; reason: string; lifetimeHours: number; requestedById: string; approvedById: string | null; caseId: string | null };

/**
 * The reset itself, in the caller's transaction. Resets of one person first queue on a
 * transaction-scoped advisory lock of that person (taken before any row, and by nothing but a
 * reset, so it adds no deadlock with a sign-in): the next reset's statements run after the
 * earlier one committed, see its code and revoke it, so one code at most is live. Rows are then
 * locked in the order a sign-in or a factor removal takes them (lib/mfa/factor-changes.ts
 * removeFactor): what proves (factors, recovery codes, trusted computers, earlier temporary
 * codes), the sessions, then the person.
 * Every second factor, recovery code and trusted computer goes, every session ends, an earlier
 * unused code is revoked; the person is marked reset (lib/auth/sign-in.ts then asks for the
 * code) and the new code's salted argon2id hash alone is stored. The keypad codes of access
 * users linked to the person are suspended in every project (lib/access/link.ts).
 */
async function performReset(tx: Tx, reset: ResetRequest, performedById: string, context: RequestContext, now: Date) {
  const { userId } = reset;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`two_factor_reset:${userId}`}, 0))`;
  await tx.$queryRaw`SELECT 1 FROM "TwoFactorFactor" WHERE "userId" = ${userId} ORDER BY "id" FOR UPDATE`;
  await tx.$queryRaw`SELECT 1 FROM "RecoveryCode" WHERE "userId" = ${userId} ORDER BY "id" FOR UPDATE`;
  await tx.$queryRaw`SELECT 1 FROM "TrustedComputer" WHERE "userId" = ${userId} AND "revokedAt" IS NULL ORDER BY "id" FOR UPDATE`;
  await tx.$queryRaw`SELECT 1 FROM "TemporaryAccessCode" WHERE "userId" = ${userId} AND "state" = 'issued' ORDER BY "id" FOR UPDATE`;
  const factorsRemoved = (await tx.twoFactorFactor.deleteMany({ where: { userId } })).count;
  const recoveryCodesRemoved = (await tx.recoveryCode.deleteMany({ where: { userId } })).count;
  const trustedComputersRevoked = await revokeAllTrustedComputers(tx, userId, now, { reason: "two_factor_reset", context });
  const codesRevoked = (
    await tx.temporaryAccessCode.updateMany({ where: { userId, state: "issued", id: { not: reset.resetId } }, data: { state: "revoked", revokedAt: now } })
  ).count;
  const sessionsEnded = await endOtherSessions(tx, userId, NO_CURRENT_SESSION, now);
  await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${userId} FOR NO KEY UPDATE`;
  await tx.user.update({
    where: { id: userId },
    data: {
      twoFactorResetAt: now,
      twoFactorLevel: "disabled",
      twoFactorChangedAt: null,
      twoFactorFailures: 0,
      twoFactorFailureStreak: 0,
      twoFactorLockedUntil: null,
      twoFactorSuspendedAt: null,
      preferredFactorId: null,
    },
  });
  // One identity for doors and sign-in: whoever holds the account now may not be its owner, so
  // keypad codes of access users linked to them stop opening doors until an admin reinstates them.
  await suspendLinkedCodes(tx, { memberUserId: userId, reason: "two_factor_reset", actorId: performedById, context, now });
  const code = newTemporaryAccessCode();
  const codeHash = await hashTemporaryAccessCode(code);
  const expiresAt = new Date(now.getTime() + reset.lifetimeHours * 3_600_000);
  await tx.temporaryAccessCode.update({
    where: { id: reset.resetId },
    data: { state: "issued", codeHash, issuedAt: now, expiresAt, approvedById: reset.approvedById },
  });
  await recordAudit(tx, {
    type: "support.two_factor_reset",
    actorId: performedById,
    subjectId: userId,
    metadata: {
      resetId: reset.resetId,
      reason: reset.reason,
      lifetimeHours: reset.lifetimeHours,
      requestedById: reset.requestedById,
      ...(reset.approvedById ? { approvedById: reset.approvedById } : {}),
      ...(reset.caseId ? { caseId: reset.caseId } : {}),
      expiresAt: expiresAt.toISOString(),
      factorsRemoved,
      recoveryCodesRemoved,
      sessionsEnded,
      trustedComputersRevoked,
      codesRevoked,
    },
    context,
    at: now,
  });
  return { state: "issued" as const, resetId: reset.resetId, code, expiresAt };
}
