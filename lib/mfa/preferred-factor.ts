import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";

/**
 * The factor the sign-in challenge offers first. Any active factor of the person's own but a
 * fallback number (GitHub: that one only stands in when the others are unavailable). No sudo:
 * the challenge still asks for a factor the person has, whichever comes first. Throws
 * "factor_not_found".
 */
export async function setPreferredFactor(userId: string, factorId: string, context: RequestContext): Promise<void> {
  await db.$transaction(async (tx) => {
    const factor = await tx.twoFactorFactor.findFirst({ where: { id: factorId, userId, status: "active", fallback: false }, select: { type: true } });
    if (!factor) throw new AppError("factor_not_found");
    const { count } = await tx.user.updateMany({ where: { id: userId, OR: [{ preferredFactorId: null }, { preferredFactorId: { not: factorId } }] }, data: { preferredFactorId: factorId, lastFactorType: factor.type } });
    if (count === 1) await recordAudit(tx, { type: "two_factor.preferred_changed", actorId: userId, metadata: { factor: factor.type, factorId }, context });
  });
}
