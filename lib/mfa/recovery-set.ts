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
