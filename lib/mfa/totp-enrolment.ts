import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { decryptSecret, encryptSecret, keyFromEnv } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { notifyUser } from "@/lib/email/notify";
import { giveFirstRecoverySet } from "./recovery-set";
import { ENROLMENT_TTL_MS, requireSudo, type Actor } from "@/lib/policy";
import { formatSetupKey, generateTotpSecret, matchTotp, totpUri } from "./totp";
import { notifyFactorAdded, passFactorInSession, recordFactorAdded } from "./factor-changes";

export const totpAad = (factorId: string) => `totp:${factorId}`;

/**
 * Starts (or restarts) enrolling an authenticator app. The new factor is pending: it counts
 * for nothing until confirmed, and an already active factor keeps working meanwhile.
 */
export async function startTotpEnrolment(actor: Actor, now = new Date()) {
  const { userId } = actor;
  // Sudo even for the first one: otherwise a stolen session could enrol the thief's phone.
  await requireSudo(actor, now);
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  const secret = generateTotpSecret();
  const factor = await db.$transaction(async (tx) => {
    await tx.twoFactorFactor.deleteMany({ where: { userId, type: "totp", status: "pending" } });
    const created = await tx.twoFactorFactor.create({ data: { userId, type: "totp", status: "pending", createdAt: now } });
    return tx.twoFactorFactor.update({
      where: { id: created.id },
      data: { secretEncrypted: encryptSecret(secret, keyFromEnv(), { aad: totpAad(created.id) }) },
    });
  });
  return { factorId: factor.id, setupKey: formatSetupKey(secret), uri: totpUri({ secret, email: user.email }) };
}

/**
 * Confirms the pending factor with its first code. On first enrolment a recovery set is made
 * and returned (shown once); on re-enrolment the old factor is replaced in the same step. Given
 * the acting session (`who` as an Actor), that session has passed the app from then on
 * (passFactorInSession); a bare user id (seeding, tests) marks no session.
 */
export async function confirmTotpEnrolment(
  who: string | Actor,
  input: { factorId: string; code: string },
  context: RequestContext,
  now = new Date(),
): Promise<{ recoveryCodes: string[] | null; reenrolled: boolean }> {
  const userId = typeof who === "string" ? who : who.userId;
  const pending = await db.twoFactorFactor.findFirst({ where: { id: input.factorId, userId, type: "totp", status: "pending" } });
  if (!pending?.secretEncrypted || now.getTime() - pending.createdAt.getTime() > ENROLMENT_TTL_MS) {
    throw new AppError("enrolment_expired");
  }
  const secret = decryptSecret(pending.secretEncrypted, keyFromEnv(), { aad: totpAad(pending.id) });
  const step = matchTotp({ secret, code: input.code, now });
  if (step === null) {
    await db.$transaction((tx) =>
      recordAudit(tx, { type: "two_factor.enrolment_failed", outcome: "failure", actorId: userId, metadata: { factor: "totp" }, context }),
    );
    throw new AppError("invalid_code");
  }
  const outcome = await db.$transaction(async (tx) => {
    const previous = await tx.twoFactorFactor.findMany({ where: { userId, type: "totp", status: "active" }, select: { id: true } });
    const { count } = await tx.twoFactorFactor.updateMany({
      where: { id: pending.id, status: "pending" },
      data: { status: "active", confirmedAt: now, lastUsedStep: step, lastUsedAt: now },
    });
    if (count !== 1) throw new AppError("enrolment_expired");
    const previousIds = previous.map((factor) => factor.id);
    await tx.twoFactorFactor.deleteMany({ where: { id: { in: previousIds } } });
    const replaced = previous.length > 0;
    let first = false;
    if (replaced) {
      // The new app takes the old one's place, as the preferred method too.
      await tx.user.update({ where: { id: userId }, data: { twoFactorChangedAt: now, lastFactorType: "totp" } });
      await tx.user.updateMany({ where: { id: userId, preferredFactorId: { in: previousIds } }, data: { preferredFactorId: pending.id } });
      await recordAudit(tx, { type: "two_factor.reenrolled", actorId: userId, metadata: { factor: "totp" }, context });
    } else {
      ({ first } = await recordFactorAdded(tx, { userId, factorId: pending.id, type: "totp" }, context, now));
    }
    return { replaced, first };
  });
  if (typeof who !== "string") await passFactorInSession(who, "totp", now);
  const recoveryCodes = await giveFirstRecoverySet(userId, context);
  if (outcome.replaced) await notifyUser(userId, { template: "authenticator-reenrolled" });
  else await notifyFactorAdded(userId, { type: "totp" }, outcome.first);
  return { recoveryCodes, reenrolled: outcome.replaced };
}
