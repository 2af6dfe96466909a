import crypto from "node:crypto";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { sendEmail } from "@/lib/email";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";

const PURPOSE = "verify-email";
const TOKEN_TTL_MS = 24 * 60 * 60_000;

const sha256 = (value: string) => crypto.createHash("sha256").update(value).digest("hex");

/** Emails a single-use link that proves the person reads this address. Older links stop working. */
export async function sendVerificationEmail(user: { id: string; email: string; name: string }, context: RequestContext) {
  if ((await db.user.findUnique({ where: { id: user.id }, select: { emailVerifiedAt: true } }))?.emailVerifiedAt) {
    throw new AppError("already_verified");
  }
  const token = crypto.randomBytes(32).toString("base64url");
  await db.$transaction(async (tx) => {
    await tx.verificationToken.updateMany({
      where: { userId: user.id, purpose: PURPOSE, usedAt: null },
      data: { expiresAt: new Date() },
    });
    await tx.verificationToken.create({
      data: {
        userId: user.id,
        purpose: PURPOSE,
        email: user.email,
        tokenHash: sha256(token),
        expiresAt: new Date(Date.now() + TOKEN_TTL_MS),
      },
    });
    await recordAudit(tx, { type: "email.verification_sent", actorId: user.id, metadata: { email: user.email }, context });
  });
  const link = `${getEnv().APP_URL}/verify-email?token=${token}`;
  await sendEmail({ to: user.email, template: "verify-email", props: { name: user.name, link } });
}

/** Marks the address verified. The token is consumed atomically: it works once. */
export async function verifyEmailToken(token: string, context: RequestContext): Promise<{ userId: string }> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new AppError("token_invalid");
  const now = new Date();
  return db.$transaction(async (tx) => {
    const record = await tx.verificationToken.findUnique({ where: { tokenHash: sha256(token) } });
    if (!record || record.purpose !== PURPOSE || record.usedAt) throw new AppError("token_invalid");
    if (record.expiresAt <= now) throw new AppError("token_expired");
    const { count } = await tx.verificationToken.updateMany({
      where: { id: record.id, usedAt: null },
      data: { usedAt: now },
    });
    if (count !== 1) throw new AppError("token_invalid");
    // The link proves the address it was sent to; if the account's email changed since, it proves nothing.
    const { count: verified } = await tx.user.updateMany({
      where: { id: record.userId, email: record.email },
      data: { emailVerifiedAt: now },
    });
    if (verified !== 1) throw new AppError("token_invalid");
    await recordAudit(tx, { type: "email.verified", actorId: record.userId, metadata: { email: record.email }, context });
    return { userId: record.userId };
  });
}
