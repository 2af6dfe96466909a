import crypto from "node:crypto";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { WEBAUTHN_CHALLENGE_TTL_MS } from "@/lib/policy/limits";

export type WebAuthnPurpose = "register" | "sign_in" | "sudo";

/** Whom a challenge was handed to: the session that asked, for one purpose. */
export type ChallengeOwner = { userId: string; sessionId: string; purpose: WebAuthnPurpose };

/**
 * Stores the challenge of options just made for this session and purpose, for 5 minutes. It
 * replaces the session's earlier one for the same purpose (one live at a time, so asking again
 * and again keeps one row), and the person's expired ones go too. One statement.
 */
export async function storeWebAuthnChallenge(owner: ChallengeOwner, challenge: string, now = new Date()): Promise<void> {
  const { userId, sessionId, purpose } = owner;
  const expiresAt = new Date(now.getTime() + WEBAUTHN_CHALLENGE_TTL_MS);
  await db.$executeRaw`
    WITH gone AS (
      DELETE FROM "WebAuthnChallenge"
      WHERE ("sessionId" = ${sessionId} AND "purpose" = ${purpose}) OR ("userId" = ${userId} AND "expiresAt" <= ${now}::timestamp(3))
    )
    INSERT INTO "WebAuthnChallenge" ("id", "userId", "sessionId", "purpose", "challenge", "expiresAt", "createdAt")
    VALUES (${crypto.randomUUID()}, ${userId}, ${sessionId}, ${purpose}, ${challenge}, ${expiresAt}::timestamp(3), ${now}::timestamp(3))`;
}

/**
 * The UPDATE that uses up `challenge` if it is this owner's and still live, returning one row
 * when it did. Run BEFORE the answer is verified: of two requests carrying the same answer only
 * one gets the challenge, and a replayed answer finds it used.
 */
export function consumeChallengeSql(owner: ChallengeOwner, challenge: string, now: Date): Prisma.Sql {
  return Prisma.sql`
    UPDATE "WebAuthnChallenge" SET "usedAt" = ${now}::timestamp(3)
    WHERE "challenge" = ${challenge} AND "userId" = ${owner.userId} AND "sessionId" = ${owner.sessionId} AND "purpose" = ${owner.purpose}
      AND "usedAt" IS NULL AND "expiresAt" > ${now}::timestamp(3)
    RETURNING 1`;
}

export async function consumeWebAuthnChallenge(owner: ChallengeOwner, challenge: string, now = new Date()): Promise<boolean> {
  const rows = await db.$queryRaw<unknown[]>(consumeChallengeSql(owner, challenge, now));
  return rows.length === 1;
}

/** Whether this owner's `challenge` was used already (an answer sent twice), as opposed to expired or never issued. */
export async function wasChallengeUsed(owner: ChallengeOwner, challenge: string): Promise<boolean> {
  const row = await db.webAuthnChallenge.findUnique({ where: { challenge }, select: { userId: true, sessionId: true, purpose: true, usedAt: true } });
  return !!row?.usedAt && row.userId === owner.userId && row.sessionId === owner.sessionId && row.purpose === owner.purpose;
}
