import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { codeKeyFromEnv, codesEqual, hmacCode } from "@/lib/crypto/secret-box";
import { NO_MATCH, type FactorModule } from "./types";

export type EmailCodeProof = { method: "email_code"; code: string };

/**
 * Email login verification: a code mailed at sign-in. Not a real second factor (the mailbox is
 * what a password reset reaches too), so it answers only the sign-in step it was sent for.
 */
export const emailCodeFactor: FactorModule<EmailCodeProof> = {
  method: "email_code",
  real: false,
  signInStep: "email_code",
  strength: 0,
  grantsSudo: false,
  liftsSuspension: false,
  schema: z.object({ method: z.literal("email_code"), code: z.string().trim().min(1, "validation.enterCode").max(64) }),
  async match({ userId, challenge, proof, now }) {
    if (challenge.kind !== "sign_in") return NO_MATCH;
    // Sending a code expires the earlier ones, so the live one is the newest unexpired.
    const sent = await db.oneTimeCode.findFirst({
      where: { userId, sessionId: challenge.sessionId, purpose: "sign_in", channel: "email", expiresAt: { gt: now } },
      orderBy: { createdAt: "desc" },
    });
    const candidate = proof.code.replace(/\s+/g, "");
    if (!sent || !/^\d{6}$/.test(candidate)) return NO_MATCH;
    if (!codesEqual(hmacCode(codeKeyFromEnv(), `${sent.id}:${candidate}`), sent.codeHash)) return NO_MATCH;
    if (sent.usedAt) return { kind: "used" };
    return {
      kind: "fresh",
      claim: (at, gate) => Prisma.sql`UPDATE "OneTimeCode" SET "usedAt" = ${at}::timestamp(3) WHERE "id" = ${sent.id} AND "usedAt" IS NULL AND ${gate} RETURNING 1`,
    };
  },
};
