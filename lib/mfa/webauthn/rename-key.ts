import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import type { Actor } from "@/lib/policy";
import { assertKeyNameFree } from "./key-names";

/**
 * Renames one of the person's security keys. Not sudo: a name changes nothing about what
 * protects the account; the change is in the security log with both names.
 * Throws "factor_not_found", "key_name_taken".
 */
export async function renameSecurityKey(actor: Actor, input: { factorId: string; name: string }, context: RequestContext): Promise<{ changed: boolean }> {
  const { userId } = actor;
  return db.$transaction(async (tx) => {
    // The key's row before the person's, the order a sign-in with this key locks them in; the
    // person's row keeps two renames from taking one name at once.
    await tx.$queryRaw`SELECT 1 FROM "TwoFactorFactor" WHERE "id" = ${input.factorId} AND "userId" = ${userId} FOR NO KEY UPDATE`;
    await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${userId} FOR NO KEY UPDATE`;
    const key = await tx.twoFactorFactor.findFirst({ where: { id: input.factorId, userId, type: "webauthn" }, select: { id: true, name: true } });
    if (!key) throw new AppError("factor_not_found");
    if (key.name === input.name) return { changed: false };
    await assertKeyNameFree(tx, userId, input.name, key.id);
    await tx.twoFactorFactor.update({ where: { id: key.id }, data: { name: input.name } });
    await recordAudit(tx, {
      type: "two_factor.factor_renamed",
      actorId: userId,
      metadata: { factor: "webauthn", factorId: key.id, oldName: key.name ?? "", newName: input.name },
      context,
    });
    return { changed: true };
  });
}
