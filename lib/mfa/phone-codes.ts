import crypto from "node:crypto";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { codeKeyFromEnv, hmacCode } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { recipientLocale } from "@/lib/i18n/locales";
import { hasStrongerFactor, ONE_TIME_CODE_TTL_MS, pendingSessionWhere, signedInSessionWhere } from "@/lib/policy";
import { phoneDeliveryAvailable, sendPhoneMessage, type PhoneChannel } from "@/lib/sms";
import { openPhone, PHONE_TYPES } from "./phone-factors";
import { claimCodeSend } from "./send-throttle";

/** What a code to a phone is for: a sign-in or sudo challenge, or a number being verified. */
export type PhoneCodePurpose = "sign_in" | "sudo" | "phone_verify";

export type PhoneCodeRequest = { userId: string; sessionId: string; factorId: string; channel: PhoneChannel; purpose: PhoneCodePurpose };

/** When the person may ask for the next code (the throttle counted this send). */
export type PhoneCodeSent = { retryAt: Date };

/**
 * Makes a 6-digit code for the factor and sends it by `channel`, which may differ from the
 * number's usual one ("Call me instead"). Throttled per person across every code they are sent
 * (./send-throttle.ts): a refusal is audited and thrown as "send_throttled" with `retryAt`. The
 * code is stored only as an HMAC bound to its row, for 10 minutes. Only the newest code of a
 * challenge (session, purpose, number) is ever compared, so earlier ones stop working without a
 * write here (which would also lock code rows after the person's row, the opposite order of a
 * winning check). Nothing resets the count of wrong codes: it lives on the challenge
 * (lib/mfa/attempts.ts) or on the number being verified (./phone-enrolment.ts). The number is
 * dialled after the transaction, holding no lock.
 */
export async function sendPhoneCode(input: PhoneCodeRequest, context: RequestContext, now = new Date()): Promise<PhoneCodeSent> {
  if (!phoneDeliveryAvailable()) throw new AppError("phone_unavailable");
  const { userId, sessionId, factorId, channel, purpose } = input;
  const code = crypto.randomInt(0, 1_000_000).toString().padStart(6, "0");
  const id = crypto.randomUUID();
  const outcome = await db.$transaction(async (tx) => {
    const slot = await claimCodeSend(tx, userId, now);
    const factor = await tx.twoFactorFactor.findFirst({
      where: { id: factorId, userId, type: { in: [...PHONE_TYPES] }, status: purpose === "phone_verify" ? "pending" : "active" },
      select: { id: true, phoneEncrypted: true, phoneHint: true, user: { select: { locale: true, browserLocale: true } } },
    });
    if (!factor) throw new AppError(purpose === "phone_verify" ? "enrolment_expired" : "factor_not_found");
    const metadata = { channel, purpose, factorId, number: factor.phoneHint ?? "" };
    if (!slot.ok) {
      await recordAudit(tx, { type: "phone.code_throttled", outcome: "failure", actorId: userId, metadata, context });
      return { sent: false as const, retryAt: slot.retryAt };
    }
    await tx.oneTimeCode.create({
      data: {
        id,
        userId,
        sessionId,
        purpose,
        channel,
        factorId,
        codeHash: hmacCode(codeKeyFromEnv(), `${id}:${code}`),
        createdAt: now,
        expiresAt: new Date(now.getTime() + ONE_TIME_CODE_TTL_MS),
      },
    });
    await recordAudit(tx, { type: "phone.code_sent", actorId: userId, metadata, context });
    return { sent: true as const, retryAt: slot.nextAt, factor, metadata };
  });
  if (!outcome.sent) throw new AppError("send_throttled", { retryAt: outcome.retryAt });
  const to = openPhone(outcome.factor);
  try {
    if (!to) throw new Error("The factor has no number.");
    await sendPhoneMessage({ to, channel, locale: recipientLocale(outcome.factor.user), code });
  } catch (error) {
    console.error("A code could not be sent to a phone:", error instanceof Error ? error.message : error);
    // The code was never delivered: it stops working, and the failure is on record (rule 7).
    await db.$transaction(async (tx) => {
      await tx.oneTimeCode.updateMany({ where: { id, usedAt: null }, data: { expiresAt: now } });
      await recordAudit(tx, { type: "phone.send_failed", outcome: "failure", actorId: userId, metadata: outcome.metadata, context });
    });
    throw new AppError("phone_send_failed");
  }
  return { retryAt: outcome.retryAt };
}

/**
 * A code for a sign-in or sudo challenge, to one of the person's verified numbers (any of them:
 * the fallback too, which the challenge offers only under "Try another way"). The challenge must
 * be live: a sign-in waiting for its second factor, or a signed-in session for sudo. Rule 6: no
 * code is sent for sudo when an authenticator app or a security key could answer it instead.
 * Throws "sign_in_expired", "factor_not_found", "stronger_factor_required", "send_throttled",
 * "phone_unavailable", "phone_send_failed".
 */
export async function sendChallengeCode(
  input: { userId: string; sessionId: string; factorId: string; channel: PhoneChannel; purpose: "sign_in" | "sudo" },
  context: RequestContext,
  now = new Date(),
): Promise<PhoneCodeSent> {
  const { userId, sessionId, purpose } = input;
  const challenge = purpose === "sign_in" ? { ...pendingSessionWhere(now), pendingStep: "two_factor" } : signedInSessionWhere(now);
  if ((await db.session.count({ where: { id: sessionId, userId, ...challenge } })) === 0) throw new AppError("sign_in_expired");
  if (purpose === "sudo" && (await hasStrongerFactor(userId))) throw new AppError("stronger_factor_required");
  return sendPhoneCode(input, context, now);
}
