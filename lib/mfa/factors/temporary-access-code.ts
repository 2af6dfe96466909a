import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { hashTemporaryAccessCode, sameHash } from "@/lib/support/temporary-access-code";
import { NO_MATCH, type FactorModule } from "./types";

export type TemporaryAccessCodeProof = { method: "temporary_access_code"; code: string };

/**
 * The code support issued after resetting the person's 2FA (lib/support/reset.ts): the only way
 * through the sign-in of a person whose factors support removed, once, until it expires. It is
 * `real` so the session gets a factor-verified lifetime, but its method is not one a project's
 * policy counts (lib/policy/project.ts), so every project that requires 2FA leads the person to
 * enrol; it answers no sudo prompt and no password reset.
 */
export const temporaryAccessCodeFactor: FactorModule<TemporaryAccessCodeProof> = {
  method: "temporary_access_code",
  real: true,
  signInStep: "temporary_code",
  strength: -1,
  grantsSudo: false,
  liftsSuspension: false,
  schema: z.object({
    method: z.literal("temporary_access_code"),
    code: z.string().trim().min(1, "validation.enterTemporaryAccessCode").max(64),
  }),
  async match({ userId, proof, now }) {
    const hash = hashTemporaryAccessCode(proof.code);
    if (!hash) return NO_MATCH;
    // The person's codes that were ever issued (a handful at most): compared in constant time
    // here, so the lookup does not depend on the typed code.
    const codes = await db.temporaryAccessCode.findMany({
      where: { userId, codeHash: { not: null }, state: { in: ["issued", "used"] } },
      select: { id: true, codeHash: true, state: true, expiresAt: true },
      orderBy: { createdAt: "desc" },
      take: 10,
    });
    let record: (typeof codes)[number] | undefined;
    for (const code of codes) if (sameHash(code.codeHash!, hash) && !record) record = code;
    if (!record || !record.expiresAt || record.expiresAt <= now) return NO_MATCH;
    if (record.state === "used") return { kind: "used" };
    const id = record.id;
    return {
      kind: "fresh",
      claim: (at, gate) => Prisma.sql`
        UPDATE "TemporaryAccessCode" SET "state" = 'used', "usedAt" = ${at}::timestamp(3)
        WHERE "id" = ${id} AND "userId" = ${userId} AND "codeHash" = ${hash} AND "state" = 'issued'
          AND "expiresAt" > ${at}::timestamp(3) AND ${gate}
        RETURNING 1`,
    };
  },
  async afterPass(tx, { userId, context }) {
    const used = await tx.temporaryAccessCode.findFirst({ where: { userId, state: "used" }, orderBy: { usedAt: "desc" }, select: { id: true, caseId: true } });
    await recordAudit(tx, { type: "support.temporary_code_used", actorId: userId, metadata: { ...(used ? { codeId: used.id } : {}), ...(used?.caseId ? { caseId: used.caseId } : {}) }, context });
    return {};
  },
};
