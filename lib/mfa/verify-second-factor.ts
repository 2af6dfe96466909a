import { db, type Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { upgradeSession } from "@/lib/auth/sessions";
import { codeKeyFromEnv, codesEqual, decryptSecret, hmacCode, keyFromEnv } from "@/lib/crypto/secret-box";
import type { RequestContext } from "@/lib/http/request-context";
import { claimCodeAttempt, releaseCodeAttempt, type Challenge, type ClaimRefusal } from "./attempts";
import { settleWrongCode } from "./failures";
import { notifyUser } from "@/lib/email/notify";
import { parseRecoveryCode, verifyRecoverySecret } from "./recovery-codes";
import { matchTotp } from "./totp";
import { totpAad } from "./totp-enrolment";

export type FactorMethod = "totp" | "recovery_code" | "email_code";
export type VerifyPurpose = "sign_in" | "sudo" | "password_reset";

export type VerifyResult =
  | { ok: true; method: FactorMethod; recoveryRemaining?: number; sessionId?: string }
  | { ok: false; code: "invalid_code" | "code_used" | ClaimRefusal["code"]; attemptsLeft?: number; lockedUntil?: Date };

/**
 * What a typed code is: no match, a match that was already used (not a guess: an honest
 * double submit, or a request that lost a race), or a fresh match with the compare-and-set
 * that claims it. Only the claim decides: two requests may both see "fresh".
 */
type Match = { kind: "none" } | { kind: "used" } | { kind: "fresh"; consume: (tx: Tx, now: Date) => Promise<boolean> };
const NONE: Match = { kind: "none" };

async function matchAuthenticator(userId: string, code: string, now: Date): Promise<Match> {
  const factor = await db.twoFactorFactor.findFirst({ where: { userId, type: "totp", status: "active" } });
  if (!factor?.secretEncrypted) return NONE;
  const secret = decryptSecret(factor.secretEncrypted, keyFromEnv(), { aad: totpAad(factor.id) });
  const step = matchTotp({ secret, code, now });
  if (step === null) return NONE;
  if (factor.lastUsedStep !== null && step <= factor.lastUsedStep) return { kind: "used" };
  return {
    kind: "fresh",
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

async function matchRecoveryCode(userId: string, input: string): Promise<Match> {
  const parts = parseRecoveryCode(input);
  const record = parts ? await db.recoveryCode.findUnique({ where: { userId_selector: { userId, selector: parts.selector } } }) : null;
  // One argon2 check whatever happens, so timing does not tell which selectors exist.
  const valid = await verifyRecoverySecret(record?.hash ?? null, parts?.secret ?? "");
  if (!record || !valid) return NONE;
  if (record.usedAt) return { kind: "used" };
  return {
    kind: "fresh",
    consume: async (tx, at) => (await tx.recoveryCode.updateMany({ where: { id: record.id, usedAt: null }, data: { usedAt: at } })).count === 1,
  };
}

async function matchEmailCode(userId: string, sessionId: string, code: string, now: Date): Promise<Match> {
  // Sending a code expires the earlier ones, so the live one is the newest unexpired.
  const sent = await db.oneTimeCode.findFirst({
    where: { userId, sessionId, purpose: "sign_in", channel: "email", expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
  });
  const candidate = code.replace(/\s+/g, "");
  if (!sent || !/^\d{6}$/.test(candidate)) return NONE;
  if (!codesEqual(hmacCode(codeKeyFromEnv(), `${sent.id}:${candidate}`), sent.codeHash)) return NONE;
  if (sent.usedAt) return { kind: "used" };
  return {
    kind: "fresh",
    consume: async (tx, at) => (await tx.oneTimeCode.updateMany({ where: { id: sent.id, usedAt: null }, data: { usedAt: at } })).count === 1,
  };
}

function challengeFor(input: VerifyInput): Challenge | null {
  if (input.purpose === "password_reset") return input.tokenId ? { kind: "password_reset", tokenId: input.tokenId } : null;
  if (!input.sessionId) return null;
  if (input.purpose === "sudo") return input.method === "email_code" ? null : { kind: "sudo", sessionId: input.sessionId };
  return { kind: "sign_in", sessionId: input.sessionId, step: input.method === "email_code" ? "email_code" : "two_factor" };
}

export type VerifyInput = {
  userId: string;
  method: FactorMethod;
  code: string;
  purpose: VerifyPurpose;
  /** The pending sign-in, or the signed-in session asking for sudo. */
  sessionId?: string;
  /** The password-reset token whose second step this is. */
  tokenId?: string;
  /** Runs inside the winning transaction (a password reset sets the password there); false rolls everything back. */
  onSuccess?: (tx: Tx) => Promise<boolean>;
};

/**
 * The one path every second-factor check takes (sign-in, sudo, password reset): claim an
 * attempt first (lib/mfa/attempts.ts), then the method's own check, then an atomic claim of
 * the code together with the challenge's new state and the audit event. A sign-in that
 * passes gets a new session id; the caller points the cookie at `sessionId`.
 */
export async function verifySecondFactor(input: VerifyInput, context: RequestContext, now = new Date()): Promise<VerifyResult> {
  const challenge = challengeFor(input);
  if (!challenge) return { ok: false, code: "invalid_code" };
  const claimed = await claimCodeAttempt({ userId: input.userId, challenge, recoveryCode: input.method === "recovery_code" }, now);
  if (!claimed.ok) return { ok: false, ...claimed.refusal };

  const code = input.code.slice(0, 64);
  const match =
    input.method === "totp"
      ? await matchAuthenticator(input.userId, code, now)
      : input.method === "recovery_code"
        ? await matchRecoveryCode(input.userId, code)
        : challenge.kind === "sign_in"
          ? await matchEmailCode(input.userId, challenge.sessionId, code, now)
          : NONE;

  if (match.kind === "none") return settleWrongCode({ userId: input.userId, challenge, method: input.method, claim: claimed.claim }, context, now);

  const won =
    match.kind === "fresh" &&
    (await db.$transaction((tx) => passChallenge(tx, input, challenge, match, context, now)).catch((error) => {
      if (error instanceof RolledBack) return "gone" as const;
      throw error;
    }));
  if (!won || won === "gone") {
    await releaseCodeAttempt(input.userId, challenge);
    return { ok: false, code: won === "gone" ? "sign_in_expired" : "code_used" };
  }
  if (won.recoveryRemaining !== undefined) {
    await notifyUser(input.userId, { template: "recovery-code-used", props: { remaining: won.recoveryRemaining } });
  }
  return { ok: true, method: input.method, ...won };
}

/** The challenge ended under this request (its session or token was used up meanwhile). */
class RolledBack extends Error {}

/** The winning request's writes: the code, the counts, the challenge's new state, the audit. */
async function passChallenge(
  tx: Tx,
  input: VerifyInput,
  challenge: Challenge,
  match: Extract<Match, { kind: "fresh" }>,
  context: RequestContext,
  now: Date,
): Promise<{ sessionId?: string; recoveryRemaining?: number } | null> {
  if (!(await match.consume(tx, now))) return null;
  // Row locks in the order every claim takes them (lib/mfa/attempts.ts): the challenge's row,
  // then the person's, so a winner and a racing claim never wait on each other in a circle.
  let sessionId: string | undefined;
  if (challenge.kind === "sign_in") {
    const upgraded = await upgradeSession(tx, challenge.sessionId, now);
    if (!upgraded) throw new RolledBack();
    sessionId = upgraded.id;
  } else if (challenge.kind === "sudo") {
    await tx.session.update({ where: { id: challenge.sessionId }, data: { verifiedAt: now, challengeFailures: 0, challengeStartedAt: null } });
  }
  if (input.onSuccess && !(await input.onSuccess(tx))) throw new RolledBack();
  await tx.user.update({
    where: { id: input.userId },
    // A recovery code restores a suspended factor (NIST SP 800-63B-4 §3.2.2).
    data: {
      twoFactorFailures: 0,
      twoFactorFailureStreak: 0,
      // A lock the tenth claim wrote before its (right) code was checked ends with it.
      twoFactorLockedUntil: null,
      ...(input.method === "recovery_code" ? { twoFactorSuspendedAt: null } : {}),
    },
  });
  await recordAudit(tx, {
    type: challenge.kind === "sign_in" ? "auth.sign_in" : challenge.kind === "sudo" ? "sudo.granted" : "two_factor.challenge_passed",
    actorId: input.userId,
    metadata: {
      method: input.method,
      purpose: input.purpose,
      ...(challenge.kind === "sign_in" ? { sessionId: sessionId!, previousSessionId: challenge.sessionId } : {}),
    },
    context,
  });
  if (input.method !== "recovery_code") return { sessionId };
  const recoveryRemaining = await tx.recoveryCode.count({ where: { userId: input.userId, usedAt: null } });
  await recordAudit(tx, { type: "recovery_code.used", actorId: input.userId, metadata: { remaining: recoveryRemaining, purpose: input.purpose }, context });
  return { sessionId, recoveryRemaining };
}
