import crypto from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { auditInsertSql, type AuditInput } from "@/lib/audit/record";
import { hasStrongerFactor, pendingSessionSql, signedInSessionSql } from "@/lib/policy";
import { upgradeSessionSql } from "@/lib/auth/sessions";
import type { RequestContext } from "@/lib/http/request-context";
import { claimCodeAttempt, releaseCodeAttempt, type Challenge, type ClaimRefusal } from "./attempts";
import { factorFor, type FactorMethod, type FactorProof } from "./factors";
import type { FactorModule, Match } from "./factors/types";
import { settleWrongCode } from "./failures";
import { notifyUser } from "@/lib/email/notify";

export type { FactorMethod, FactorProof };
export type VerifyPurpose = "sign_in" | "sudo" | "password_reset";

export type VerifyResult =
  | { ok: true; method: FactorMethod; recoveryRemaining?: number; sessionId?: string; knownBrowser?: boolean }
  | { ok: false; code: "invalid_code" | "code_used" | "stronger_factor_required" | ClaimRefusal["code"]; attemptsLeft?: number; lockedUntil?: Date };

export type VerifyInput = FactorProof & {
  userId: string;
  purpose: VerifyPurpose;
  /** The pending sign-in, or the signed-in session asking for sudo. */
  sessionId?: string;
  /** The password-reset token whose second step this is. */
  tokenId?: string;
  /** Runs inside the winning transaction (a password reset sets the password there); false rolls everything back. */
  onSuccess?: (tx: Tx) => Promise<boolean>;
};

/** The challenge this proof is for, or null when the method cannot answer it. */
function challengeFor(input: VerifyInput, factor: FactorModule<FactorProof>): Challenge | null {
  if (input.purpose === "password_reset") return input.tokenId && factor.real && factor.signInStep === "two_factor" ? { kind: "password_reset", tokenId: input.tokenId } : null;
  if (!input.sessionId) return null;
  if (input.purpose === "sudo") return factor.grantsSudo ? { kind: "sudo", sessionId: input.sessionId } : null;
  return { kind: "sign_in", sessionId: input.sessionId, step: factor.signInStep };
}

/**
 * The one path every second-factor check takes (sign-in, sudo, password reset): claim an
 * attempt first (lib/mfa/attempts.ts), then the method's own check (lib/mfa/factors), then an
 * atomic claim of the proof together with the challenge's new state and the audit event. A
 * sign-in that passes gets a new session id; the caller points the cookie at `sessionId`.
 * Internal claims report by result; the domain functions over it (lib/mfa/challenge.ts) throw.
 */
export async function verifySecondFactor(input: VerifyInput, context: RequestContext, now = new Date()): Promise<VerifyResult> {
  const factor = factorFor(input.method);
  const challenge = challengeFor(input, factor);
  if (!challenge) return { ok: false, code: "invalid_code" };
  // Rule 6: a text or a call does not confirm sudo when an app or a key could; asked before any
  // attempt is claimed, so it costs the person nothing.
  if (challenge.kind === "sudo" && factor.weak && (await hasStrongerFactor(input.userId))) return { ok: false, code: "stronger_factor_required" };
  const claimed = await claimCodeAttempt({ userId: input.userId, challenge, recoveryCode: factor.liftsSuspension }, now);
  if (!claimed.ok) return { ok: false, ...claimed.refusal };

  // A typed code is never longer than 64 characters; a key's answer is bounded by its schema.
  const proof = ("code" in input && typeof input.code === "string" ? { ...input, code: input.code.slice(0, 64) } : input) as FactorProof;
  const match = await factor.match({ userId: input.userId, challenge, proof, now });

  if (match.kind === "none") return settleWrongCode({ userId: input.userId, challenge, method: input.method, claim: claimed.claim }, context, now);

  const won = match.kind === "fresh" && (await passChallenge({ input, factor, challenge, match, context, now }));
  if (!won || won === "gone") {
    await releaseCodeAttempt(input.userId, challenge);
    return { ok: false, code: won === "gone" ? "sign_in_expired" : "code_used" };
  }
  if (won.recoveryRemaining !== undefined) {
    await notifyUser(input.userId, { template: "recovery-code-used", props: { remaining: won.recoveryRemaining, purpose: input.purpose } });
  }
  return { ok: true, method: input.method, ...won };
}

/** The challenge ended under this request (its session or token was used up meanwhile). */
class RolledBack extends Error {}

/** `knownBrowser`: a sign-in from a browser another session of the person came from. */
type Passed = { sessionId?: string; recoveryRemaining?: number; knownBrowser?: boolean };

/**
 * The winning request's writes. ONE statement claims the proof (the factor's compare-and-set),
 * changes the challenge (a sign-in becomes a new session; sudo marks the session), clears the
 * person's counts and writes the audit event, each step gated on the one before, so all land or
 * none; without further writes it is its own transaction. Row locks come in the order every
 * claim takes them (lib/mfa/attempts.ts): the proof's row, the challenge's, then the person's,
 * so a winner and a racing claim never wait on each other in a circle. A factor's own writes
 * (recovery codes count what is left) follow in a transaction. A password reset's writes
 * (lib/auth/password-reset.ts: the token, every session, then the person) come between the
 * challenge and the person, keeping that order, so the person's counts and the event follow
 * them as a second statement. Returns null when another request claimed the proof first, "gone"
 * when the challenge ended meanwhile.
 */
async function passChallenge(win: Win): Promise<Passed | null | "gone"> {
  const { input, factor, context } = win;
  const parts = winningParts(win);
  const whole = Prisma.sql`WITH ${parts.claimAndChange}, ${parts.personAndAudit(Prisma.sql`EXISTS (SELECT 1 FROM upgraded)`)} ${parts.outcome("audited")}`;
  if (!input.onSuccess && !factor.afterPass) {
    const [row] = await db.$queryRaw<WinningRow[]>(whole);
    // The claim was made only while the challenge was live; one that ended in the instant after
    // leaves this code used and the sign-in refused, which is the safe side.
    if (!row?.live) return "gone";
    return !row.claimed ? null : row.changed ? { sessionId: parts.sessionId, ...known(row) } : "gone";
  }
  return db
    .$transaction(async (tx): Promise<Passed | null> => {
      const onSuccess = input.onSuccess;
      const [row] = await tx.$queryRaw<WinningRow[]>(onSuccess ? Prisma.sql`WITH ${parts.claimAndChange} ${parts.outcome("upgraded")}` : whole);
      if (!row?.live) throw new RolledBack();
      if (!row.claimed) return null;
      if (!row.changed) throw new RolledBack();
      if (onSuccess) {
        if (!(await onSuccess(tx))) throw new RolledBack();
        await tx.$executeRaw`WITH ${parts.personAndAudit(Prisma.sql`TRUE`)} SELECT 1`;
      }
      const extra = factor.afterPass ? await factor.afterPass(tx, { userId: input.userId, purpose: input.purpose, context }) : {};
      return { sessionId: parts.sessionId, ...known(row), ...extra };
    })
    .catch((error) => {
      if (error instanceof RolledBack) return "gone" as const;
      throw error;
    });
}

type WinningRow = { live: boolean; claimed: boolean; changed: boolean; knownBrowser: boolean };
const known = (row: WinningRow) => (row.knownBrowser ? { knownBrowser: true } : {});

/** A right, unused proof and everything its writes need. */
type Win = {
  input: VerifyInput;
  factor: FactorModule<FactorProof>;
  challenge: Challenge;
  match: Extract<Match, { kind: "fresh" }>;
  context: RequestContext;
  now: Date;
};

/**
 * The statement's parts, as CTEs: "claimed" (the proof, only while the challenge is live as the
 * statement starts), "upgraded" (the challenge's change), then "person" and "audited" behind a
 * gate; `outcome` reads what happened.
 */
function winningParts({ input, factor, challenge, match, context, now }: Win) {
  const sessionId = challenge.kind === "sign_in" ? crypto.randomUUID() : undefined;
  // The session records how and when it was verified, for levels and project policies.
  const verified = { method: input.method, real: factor.real, weak: !!factor.weak };
  const claimed = Prisma.sql`EXISTS (SELECT 1 FROM claimed)`;
  const live =
    challenge.kind === "sign_in"
      ? Prisma.sql`EXISTS (SELECT 1 FROM "Session" WHERE "id" = ${challenge.sessionId} AND ${pendingSessionSql(now)} AND "pendingStep" = ${challenge.step})`
      : challenge.kind === "sudo"
        ? Prisma.sql`EXISTS (SELECT 1 FROM "Session" WHERE "id" = ${challenge.sessionId} AND ${signedInSessionSql(now)})`
        : Prisma.sql`TRUE`;
  const upgrade = challenge.kind === "sign_in" ? upgradeSessionSql(challenge.sessionId, sessionId!, now, verified, claimed) : null;
  const change = upgrade
    ? upgrade.ctes
    : challenge.kind === "sudo"
        ? Prisma.sql`upgraded AS (
            UPDATE "Session" SET "verifiedAt" = ${now}::timestamp(3), "verifiedMethod" = ${input.method}::text,
              "factorVerifiedAt" = ${now}::timestamp(3), "factorMethod" = ${input.method}::text, "challengeFailures" = 0, "challengeStartedAt" = NULL
            WHERE "id" = ${challenge.sessionId} AND ${claimed}
            RETURNING "id")`
        : Prisma.sql`upgraded AS (SELECT NULL::text AS "id" WHERE ${claimed})`;
  const event: AuditInput = {
    type: challenge.kind === "sign_in" ? "auth.sign_in" : challenge.kind === "sudo" ? "sudo.granted" : "two_factor.challenge_passed",
    actorId: input.userId,
    metadata: {
      method: input.method,
      purpose: input.purpose,
      ...(challenge.kind === "sign_in" ? { sessionId: sessionId!, previousSessionId: challenge.sessionId } : {}),
    },
    context,
  };
  return {
    sessionId,
    claimAndChange: Prisma.sql`claimed AS (${match.claim(now, live)}), ${change}`,
    // A lock the tenth claim wrote before its (right) code was checked ends with it.
    personAndAudit: (gate: Prisma.Sql) => Prisma.sql`
      person AS (
        UPDATE "User" SET "twoFactorFailures" = 0, "twoFactorFailureStreak" = 0, "twoFactorLockedUntil" = NULL
          ${factor.liftsSuspension ? Prisma.sql`, "twoFactorSuspendedAt" = NULL` : Prisma.empty}
        WHERE "id" = ${input.userId} AND ${gate}
        RETURNING 1
      ),
      audited AS (${auditInsertSql(event, now, Prisma.sql`EXISTS (SELECT 1 FROM person)`)})`,
    outcome: (last: "upgraded" | "audited") =>
      Prisma.sql`SELECT ${live} AS "live", EXISTS (SELECT 1 FROM claimed) AS "claimed", EXISTS (SELECT 1 FROM ${Prisma.raw(last)}) AS "changed",
        ${upgrade?.knownBrowser ?? Prisma.sql`FALSE`} AS "knownBrowser"`,
  };
}
