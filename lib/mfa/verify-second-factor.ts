import { db, type Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { codeKeyFromEnv, codesEqual, decryptSecret, hmacCode, keyFromEnv } from "@/lib/crypto/secret-box";
import type { RequestContext } from "@/lib/http/request-context";
import { recordFailedAttempt } from "./failures";
import { notifyUser } from "./notify";
import { parseRecoveryCode, verifyRecoverySecret } from "./recovery-codes";
import { matchTotp } from "./totp";
import { totpAad } from "./totp-enrolment";

export type FactorMethod = "totp" | "recovery_code" | "email_code";
export type VerifyPurpose = "sign_in" | "sudo";

export type VerifyResult =
  | { ok: true; method: FactorMethod; recoveryRemaining?: number }
  | { ok: false; code: "invalid_code" | "locked" | "challenge_over" | "sign_in_expired"; attemptsLeft?: number; lockedUntil?: Date };

/** A code that matched; `consume` claims it atomically and says whether this request won it. */
type Match = { consume: (tx: Tx, now: Date) => Promise<boolean>; metadata?: Record<string, string | number> };

async function matchAuthenticator(userId: string, code: string, now: Date): Promise<Match | null> {
  const factor = await db.twoFactorFactor.findFirst({ where: { userId, type: "totp", status: "active" } });
  if (!factor?.secretEncrypted) return null;
  const secret = decryptSecret(factor.secretEncrypted, keyFromEnv(), { aad: totpAad(factor.id) });
  const step = matchTotp({ secret, code, now, afterStep: factor.lastUsedStep });
  if (step === null) return null;
  return {
    // Rule 1: a time step is accepted once. The compare-and-set makes racing requests agree on one winner.
    consume: async (tx, at) =>
      (
        await tx.twoFactorFactor.updateMany({
          where: { id: factor.id, status: "active", OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
          data: { lastUsedStep: step, lastUsedAt: at },
        })
      ).count === 1,
  };
}

async function matchRecoveryCode(userId: string, input: string): Promise<Match | null> {
  const parts = parseRecoveryCode(input);
  const record = parts ? await db.recoveryCode.findFirst({ where: { userId, selector: parts.selector, usedAt: null } }) : null;
  // One argon2 check whatever happens, so timing does not tell which selectors exist.
  const valid = await verifyRecoverySecret(record?.hash ?? null, parts?.secret ?? "");
  if (!record || !valid) return null;
  return {
    consume: async (tx, at) => (await tx.recoveryCode.updateMany({ where: { id: record.id, usedAt: null }, data: { usedAt: at } })).count === 1,
  };
}

async function matchEmailCode(userId: string, sessionId: string, code: string, now: Date): Promise<Match | null> {
  const sent = await db.oneTimeCode.findFirst({
    where: { userId, sessionId, purpose: "sign_in", channel: "email", usedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
  });
  const candidate = code.replace(/\s+/g, "");
  if (!sent || !/^\d{6}$/.test(candidate)) return null;
  if (!codesEqual(hmacCode(codeKeyFromEnv(), `${sent.id}:${candidate}`), sent.codeHash)) return null;
  return {
    consume: async (tx, at) => (await tx.oneTimeCode.updateMany({ where: { id: sent.id, usedAt: null }, data: { usedAt: at } })).count === 1,
  };
}

/**
 * The one path every second-factor check takes, for the sign-in challenge and for sudo mode:
 * lock and attempt limits first, then the method's own check, then an atomic claim of the
 * code together with the session's new state and the audit event.
 */
export async function verifySecondFactor(
  input: { userId: string; sessionId: string; method: FactorMethod; code: string; purpose: VerifyPurpose },
  context: RequestContext,
  now = new Date(),
): Promise<VerifyResult> {
  const user = await db.user.findUniqueOrThrow({ where: { id: input.userId }, select: { twoFactorLockedUntil: true } });
  if (user.twoFactorLockedUntil && user.twoFactorLockedUntil > now) {
    return { ok: false, code: "locked", lockedUntil: user.twoFactorLockedUntil };
  }
  const session = await db.session.findFirst({ where: { id: input.sessionId, userId: input.userId, revokedAt: null, expiresAt: { gt: now } } });
  if (!session) return { ok: false, code: "sign_in_expired" };
  const signingIn = input.purpose === "sign_in";
  if (signingIn && (!session.pendingStep || !session.pendingUntil || session.pendingUntil <= now)) {
    return { ok: false, code: "sign_in_expired" };
  }
  const expectedStep = input.method === "email_code" ? "email_code" : "two_factor";
  if (signingIn && session.pendingStep !== expectedStep) return { ok: false, code: "sign_in_expired" };
  if (!signingIn && input.method === "email_code") return { ok: false, code: "invalid_code" };

  const code = input.code.slice(0, 64);
  const match =
    input.method === "totp"
      ? await matchAuthenticator(input.userId, code, now)
      : input.method === "recovery_code"
        ? await matchRecoveryCode(input.userId, code)
        : await matchEmailCode(input.userId, input.sessionId, code, now);

  const won =
    match &&
    (await db.$transaction(async (tx) => {
      if (!(await match.consume(tx, now))) return null;
      await tx.user.update({ where: { id: input.userId }, data: { twoFactorFailures: 0 } });
      await tx.session.update({
        where: { id: input.sessionId },
        data: { challengeFailures: 0, verifiedAt: now, ...(signingIn ? { pendingStep: null, pendingUntil: null } : {}) },
      });
      await recordAudit(tx, {
        type: signingIn ? "two_factor.challenge_passed" : "sudo.granted",
        actorId: input.userId,
        metadata: { method: input.method, sessionId: input.sessionId },
        context,
      });
      if (input.method !== "recovery_code") return { remaining: undefined };
      const remaining = await tx.recoveryCode.count({ where: { userId: input.userId, usedAt: null } });
      await recordAudit(tx, { type: "recovery_code.used", actorId: input.userId, metadata: { remaining, purpose: input.purpose }, context });
      return { remaining };
    }));

  if (!won) {
    const failure = await recordFailedAttempt(
      { userId: input.userId, sessionId: input.sessionId, method: input.method, purpose: input.purpose, reason: match ? "already_used" : "wrong_code" },
      context,
      now,
    );
    if (failure.locked) return { ok: false, code: "locked", lockedUntil: failure.locked };
    if (failure.challengeOver) return { ok: false, code: "challenge_over" };
    return { ok: false, code: "invalid_code", attemptsLeft: failure.attemptsLeft };
  }

  if (won.remaining === undefined) return { ok: true, method: input.method };
  await notifyUser(input.userId, { template: "recovery-code-used", props: { remaining: won.remaining } });
  return { ok: true, method: input.method, recoveryRemaining: won.remaining };
}
