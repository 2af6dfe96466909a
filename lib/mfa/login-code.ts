import crypto from "node:crypto";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { codeKeyFromEnv, hmacCode } from "@/lib/crypto/secret-box";
import { sendEmail } from "@/lib/email";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { ONE_TIME_CODE_TTL_MS } from "@/lib/policy";
import { claimCodeSend } from "./send-throttle";

class Throttled extends Error {}

/**
 * Emails a 6-digit sign-in code (email login verification). Sends are throttled per person,
 * one per 30 seconds and 5 per hour, across every channel that carries codes (./send-throttle.ts);
 * the person's row is locked while checking, so two requests at once cannot both slip under
 * the limit. Earlier emailed codes stop working.
 */
export async function sendLoginCode(userId: string, sessionId: string, context: RequestContext, now = new Date()) {
  const code = crypto.randomInt(0, 1_000_000).toString().padStart(6, "0");
  const id = crypto.randomUUID();
  const user = await db
    .$transaction(async (tx) => {
      // The old codes before the person's row: the order a check of one of them locks rows in
      // (the code, then the person), so a resend and a check at once never wait in a circle. A
      // throttled send rolls this back.
      await tx.oneTimeCode.updateMany({
        where: { userId, purpose: "sign_in", channel: "email", usedAt: null },
        data: { expiresAt: now },
      });
      const slot = await claimCodeSend(tx, userId, now);
      if (!slot.ok) throw new Throttled();
      await tx.oneTimeCode.create({
        data: {
          id,
          userId,
          sessionId,
          purpose: "sign_in",
          channel: "email",
          codeHash: hmacCode(codeKeyFromEnv(), `${id}:${code}`),
          createdAt: now,
          expiresAt: new Date(now.getTime() + ONE_TIME_CODE_TTL_MS),
        },
      });
      await recordAudit(tx, {
        type: "login_code.sent",
        actorId: userId,
        metadata: { channel: "email" },
        context,
      });
      return tx.user.findUniqueOrThrow({
        where: { id: userId },
        select: { email: true, name: true },
      });
    })
    .catch((error) => {
      if (error instanceof Throttled) return null;
      throw error;
    });
  if (!user) {
    await db.$transaction((tx) =>
      recordAudit(tx, {
        type: "login_code.throttled",
        outcome: "failure",
        actorId: userId,
        context,
      }),
    );
    throw new AppError("send_throttled");
  }
  await sendEmail({
    to: user.email,
    template: "login-code",
    props: { name: user.name, code },
  });
}
