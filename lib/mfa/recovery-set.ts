import { db, type Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/http/request-context";
import { notifyUser } from "@/lib/email/notify";
import { generateRecoveryCodes } from "./recovery-codes";
import { AppError } from "@/lib/errors";
import { hasSecondFactor, recoveryCodeCount, requireSudo, type Actor } from "@/lib/policy";

/** Hashes a fresh set outside any transaction (argon2 takes time); store it with replaceRecoveryCodes. */
export function newRecoverySet() {
  return generateRecoveryCodes(recoveryCodeCount());
}

/** Swaps the person's recovery codes for a new set: the old codes stop working in the same step. */
export async function replaceRecoveryCodes(tx: Tx, userId: string, records: { selector: string; hash: string }[]) {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: records.map((record) => ({ userId, ...record })) });
}

/** Regenerate, in sudo mode with 2FA on: returns the new codes, shown once. */
export async function regenerateRecoveryCodes(actor: Actor, context: RequestContext): Promise<string[]> {
  const { userId } = actor;
  if (!(await hasSecondFactor(userId))) throw new AppError("two_factor_not_enabled");
  await requireSudo(actor);
  const { codes, records } = await newRecoverySet();
  await db.$transaction(async (tx) => {
    await replaceRecoveryCodes(tx, userId, records);
    await recordAudit(tx, { type: "recovery_codes.regenerated", actorId: userId, metadata: { count: codes.length }, context });
  });
  await notifyUser(userId, { template: "recovery-codes-regenerated" });
  return codes;
}

/**
 * A person's first factor comes with recovery codes, the way back in when it is lost: a new set
 * when the person has no unused code, checked again under the person's lock, so two first factors
 * confirmed at once show one set, and never a set that the other replaced. Returns the codes to
 * show once, or null when the person keeps theirs.
 */
export async function giveFirstRecoverySet(userId: string, context: RequestContext): Promise<string[] | null> {
  if ((await db.recoveryCode.count({ where: { userId, usedAt: null } })) > 0) return null;
  const { codes, records } = await newRecoverySet();
  const stored = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${userId} FOR NO KEY UPDATE`;
    if ((await tx.recoveryCode.count({ where: { userId, usedAt: null } })) > 0) return false;
    await replaceRecoveryCodes(tx, userId, records);
    await recordAudit(tx, { type: "recovery_codes.generated", actorId: userId, metadata: { count: codes.length }, context });
    return true;
  });
  return stored ? codes : null;
}
