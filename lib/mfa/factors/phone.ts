import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { codeKeyFromEnv, codesEqual, hmacCode } from "@/lib/crypto/secret-box";
import type { PhoneChannel } from "@/lib/sms";
import { NO_MATCH, type FactorModule, type Match } from "./types";

/**
 * A code sent to a verified number; `method` is the channel it came by (a text, or a call).
 * The form always names the number (the schema requires it); the type leaves it optional so that
 * code passing any method with just a code still type-checks, and such a proof never matches.
 */
export type PhoneProof<M extends PhoneChannel = PhoneChannel> = { method: M; code: string; factorId?: string };

/**
 * Finds the code last sent for this challenge (the session and its purpose; only the newest one
 * counts, so asking again retires the earlier code) and compares it in constant time. It must
 * have gone to the number the proof names, and the number must still be on the account when
 * the code is claimed: the claim re-checks it in the same statement.
 */
async function matchPhoneCode({ userId, challenge, proof, now }: Parameters<FactorModule<PhoneProof>["match"]>[0]): Promise<Match> {
  if (challenge.kind === "password_reset") return NO_MATCH;
  const candidate = proof.code.replace(/\s+/g, "");
  const sent = await db.oneTimeCode.findFirst({
    where: { userId, sessionId: challenge.sessionId, purpose: challenge.kind, channel: { in: ["sms", "voice"] }, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { id: true, codeHash: true, usedAt: true, factorId: true },
  });
  if (!proof.factorId || !sent?.factorId || sent.factorId !== proof.factorId || !/^\d{6}$/.test(candidate)) return NO_MATCH;
  if (!codesEqual(hmacCode(codeKeyFromEnv(), `${sent.id}:${candidate}`), sent.codeHash)) return NO_MATCH;
  if (sent.usedAt) return { kind: "used" };
  const factorId = sent.factorId;
  return {
    kind: "fresh",
    claim: (at, gate) => Prisma.sql`
      UPDATE "OneTimeCode" SET "usedAt" = ${at}::timestamp(3)
      WHERE "id" = ${sent.id} AND "usedAt" IS NULL AND "expiresAt" > ${at}::timestamp(3)
        AND EXISTS (SELECT 1 FROM "TwoFactorFactor" WHERE "id" = ${factorId} AND "userId" = ${userId} AND "status" = 'active')
        AND ${gate}
      RETURNING 1`,
  };
}

function phoneFactor<M extends PhoneChannel>(method: M): FactorModule<PhoneProof<M>> {
  return {
    method,
    real: true,
    signInStep: "two_factor",
    // Rule 6: it confirms sudo only for a person without an authenticator app or a security key.
    grantsSudo: true,
    weak: true,
    strength: 1,
    liftsSuspension: false,
    schema: z.object({
      method: z.literal(method),
      code: z.string().trim().min(1, "validation.enterCode").max(64),
      factorId: z.uuid("validation.invalid"),
    }) as unknown as z.ZodType<PhoneProof<M>>,
    match: matchPhoneCode as FactorModule<PhoneProof<M>>["match"],
  };
}

/** A code by text message to a verified number. */
export const smsFactor = phoneFactor("sms");

/** A code read out by a call to a verified number ("Call me instead" works for a texting number too). */
export const voiceFactor = phoneFactor("voice");
