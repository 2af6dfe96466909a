import crypto from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { codeKeyFromEnv, codesEqual, hmacCode } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { ENROLMENT_TTL_MS, MAX_FAILURES_PER_CHALLENGE, requireSudo, type Actor } from "@/lib/policy";
import { phoneDeliveryAvailable, type PhoneChannel } from "@/lib/sms";
import { notifyFactorAdded, passFactorInSession, recordFactorAdded } from "./factor-changes";
import { sendPhoneCode, type PhoneCodeSent } from "./phone-codes";
import { openPhone, PHONE_TYPES, sealPhone } from "./phone-factors";
import type { PhoneNumber } from "./phone-number";
import { giveFirstRecoverySet } from "./recovery-set";

/** The pending number and how its first code went: sent (next send allowed at `retryAt`), or refused. */
export type PhoneEnrolment = { factorId: string; phone: string; channel: PhoneChannel; fallback: boolean; sent: PhoneCodeSent | null; refusal: AppError | null };

/**
 * Starts adding a number (sudo, as for any factor: a stolen session must not add the thief's
 * phone): the number waits, pending, counting for nothing, until a code sent to it comes back.
 * A person has at most one main number and one fallback; a new one in a role replaces the old one
 * only once verified, so the old number keeps working meanwhile. A fallback backs up another
 * method, so it needs one. Starting again drops any other number still pending. The first code
 * is sent at once; a refusal (throttled, not delivered) leaves the number pending, to be sent
 * again from the verification step.
 */
export async function startPhoneEnrolment(
  actor: Actor,
  input: { phone: PhoneNumber; channel: PhoneChannel; fallback: boolean },
  context: RequestContext,
  now = new Date(),
): Promise<PhoneEnrolment> {
  const { userId } = actor;
  await requireSudo(actor, now);
  if (!phoneDeliveryAvailable()) throw new AppError("phone_unavailable");
  const factorId = crypto.randomUUID();
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${userId} FOR NO KEY UPDATE`;
    const active = await tx.twoFactorFactor.findMany({ where: { userId, status: "active" }, select: { id: true, type: true, fallback: true, phoneEncrypted: true } });
    const phones = active.filter((factor) => factor.type === "sms" || factor.type === "voice");
    if (phones.some((factor) => openPhone(factor) === input.phone.e164)) throw new AppError("phone_same_number");
    if (input.fallback && !active.some((factor) => !factor.fallback)) throw new AppError("fallback_needs_factor");
    await tx.twoFactorFactor.deleteMany({ where: { userId, status: "pending", type: { in: [...PHONE_TYPES] } } });
    await tx.twoFactorFactor.create({
      data: {
        id: factorId,
        userId,
        type: input.channel,
        status: "pending",
        fallback: input.fallback,
        phoneHint: input.phone.hint,
        phoneEncrypted: sealPhone(factorId, input.phone.e164),
        createdAt: now,
      },
    });
    await recordAudit(tx, {
      type: "phone.added",
      actorId: userId,
      metadata: { factorId, number: input.phone.hint, channel: input.channel, fallback: input.fallback },
      context,
    });
  });
  const enrolment = { factorId, phone: input.phone.international, channel: input.channel, fallback: input.fallback };
  try {
    return { ...enrolment, sent: await sendEnrolmentCode(actor, { factorId, channel: input.channel }, context, now), refusal: null };
  } catch (error) {
    if (error instanceof AppError) return { ...enrolment, sent: null, refusal: error };
    throw error;
  }
}

/** Sends (again) a code to the pending number, by text or call ("Call me instead"), to this session. */
export async function sendEnrolmentCode(actor: Actor, input: { factorId: string; channel: PhoneChannel }, context: RequestContext, now = new Date()) {
  await requireSudo(actor, now);
  const pending = await db.twoFactorFactor.findFirst({ where: { id: input.factorId, userId: actor.userId, status: "pending" }, select: { createdAt: true } });
  if (!pending || expired(pending, now)) throw new AppError("enrolment_expired");
  return sendPhoneCode({ ...actor, ...input, purpose: "phone_verify" }, context, now);
}

const expired = (pending: { createdAt: Date }, now: Date) => now.getTime() - pending.createdAt.getTime() > ENROLMENT_TTL_MS;

type Checked =
  | { kind: "expired" }
  | { kind: "over" }
  | { kind: "wrong"; attemptsLeft: number }
  | { kind: "verified"; channel: PhoneChannel; fallback: boolean; hint: string; first: boolean };

/**
 * Verifies the pending number with the code last sent to it from this session. Rule 3 and 4: at
 * most 5 wrong codes per pending number, whatever was sent in between; then it must be started
 * again. The check runs under the person's and the pending number's row locks, after counting its wrong codes, and
 * a wrong code is recorded before the answer leaves, so racing requests check no more than the
 * limit and exactly one right code wins. Verified: the number is active, replaces the one it was
 * meant to replace, and counts as a factor added (lib/mfa/factor-changes.ts), all in one
 * transaction. A person without recovery codes then gets a set, returned once.
 */
export async function verifyPhoneEnrolment(
  actor: Actor,
  input: { factorId: string; code: string },
  context: RequestContext,
  now = new Date(),
): Promise<{ fallback: boolean; hint: string; recoveryCodes: string[] | null }> {
  const checked = await db.$transaction((tx) => checkAndActivate(tx, actor, input, context, now));
  if (checked.kind === "expired") throw new AppError("enrolment_expired");
  if (checked.kind === "over") throw new AppError("phone_verify_over");
  if (checked.kind === "wrong") throw checked.attemptsLeft > 0 ? new AppError("invalid_code", { attemptsLeft: checked.attemptsLeft }) : new AppError("phone_verify_over");
  await passFactorInSession(actor, checked.channel, now);
  const recoveryCodes = await giveFirstRecoverySet(actor.userId, context);
  await notifyFactorAdded(actor.userId, { type: checked.channel, hint: checked.hint }, checked.first);
  return { fallback: checked.fallback, hint: checked.hint, recoveryCodes };
}

async function checkAndActivate(tx: Tx, actor: Actor, input: { factorId: string; code: string }, context: RequestContext, now: Date): Promise<Checked> {
  const { userId } = actor;
  // The person's row first, in the order every change to their factors takes locks.
  await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${userId} FOR NO KEY UPDATE`;
  const [pending] = await tx.$queryRaw<{ id: string; type: PhoneChannel; fallback: boolean; phoneHint: string | null; createdAt: Date }[]>`
    SELECT "id", "type"::text AS "type", "fallback", "phoneHint", "createdAt" FROM "TwoFactorFactor"
    WHERE "id" = ${input.factorId} AND "userId" = ${userId} AND "status" = 'pending' AND "type" IN ('sms', 'voice')
    FOR UPDATE`;
  if (!pending || expired(pending, now)) return { kind: "expired" };
  const failures = await tx.auditEvent.count({ where: { subjectId: userId, type: "phone.verify_failed", metadata: { path: ["factorId"], equals: pending.id } } });
  if (failures >= MAX_FAILURES_PER_CHALLENGE) return { kind: "over" };

  const sent = await tx.oneTimeCode.findFirst({
    where: { userId, sessionId: actor.sessionId, purpose: "phone_verify", expiresAt: { gt: now }, usedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, codeHash: true, factorId: true },
  });
  const candidate = input.code.replace(/\s+/g, "");
  const right = !!sent && sent.factorId === pending.id && /^\d{6}$/.test(candidate) && codesEqual(hmacCode(codeKeyFromEnv(), `${sent.id}:${candidate}`), sent.codeHash);
  const hint = pending.phoneHint ?? "";
  if (!sent || !right) {
    await recordAudit(tx, { type: "phone.verify_failed", outcome: "failure", actorId: userId, metadata: { factorId: pending.id, number: hint, attempt: failures + 1 }, context });
    return { kind: "wrong", attemptsLeft: MAX_FAILURES_PER_CHALLENGE - failures - 1 };
  }

  await tx.oneTimeCode.update({ where: { id: sent.id }, data: { usedAt: now } });
  const replaced = await tx.twoFactorFactor.findFirst({
    where: { userId, status: "active", type: { in: [...PHONE_TYPES] }, fallback: pending.fallback, id: { not: pending.id } },
    select: { id: true, type: true, phoneHint: true },
  });
  await tx.twoFactorFactor.update({ where: { id: pending.id }, data: { status: "active", confirmedAt: now } });
  // Added while the number it replaces is still there: a new number is never "2FA turned on".
  const { first } = await recordFactorAdded(tx, { userId, factorId: pending.id, type: pending.type, hint }, context, now);
  if (replaced) {
    await tx.twoFactorFactor.delete({ where: { id: replaced.id } });
    await tx.user.updateMany({ where: { id: userId, preferredFactorId: replaced.id }, data: { preferredFactorId: pending.id } });
    await recordAudit(tx, {
      type: "two_factor.factor_removed",
      actorId: userId,
      metadata: { factor: replaced.type, factorId: replaced.id, number: replaced.phoneHint ?? "", replacedBy: pending.id },
      context,
    });
  }
  return { kind: "verified", channel: pending.type, fallback: pending.fallback, hint, first };
}

