import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { requireSudo, type Actor } from "@/lib/policy";
import { PHONE_TYPES } from "./phone-factors";

/**
 * Makes a verified number the main one (sudo: it changes which number sign-in offers first).
 * The main number it replaces, if any, becomes the fallback, so the person keeps both. Throws
 * "factor_not_found", "sudo_required".
 */
export async function makePrimaryPhone(actor: Actor, factorId: string, context: RequestContext, now = new Date()): Promise<{ hint: string }> {
  const { userId } = actor;
  await requireSudo(actor, now);
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${userId} FOR NO KEY UPDATE`;
    const phones = await tx.twoFactorFactor.findMany({ where: { userId, status: "active", type: { in: [...PHONE_TYPES] } }, select: { id: true, fallback: true, phoneHint: true } });
    const target = phones.find((phone) => phone.id === factorId);
    if (!target) throw new AppError("factor_not_found");
    const hint = target.phoneHint ?? "";
    if (!target.fallback) return { hint };
    await tx.twoFactorFactor.updateMany({ where: { id: { in: phones.filter((phone) => !phone.fallback).map((phone) => phone.id) } }, data: { fallback: true } });
    await tx.twoFactorFactor.update({ where: { id: target.id }, data: { fallback: false } });
    await recordAudit(tx, { type: "phone.made_primary", actorId: userId, metadata: { factorId, number: hint }, context });
    return { hint };
  });
}
