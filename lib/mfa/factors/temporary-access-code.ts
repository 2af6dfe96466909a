import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { normalizeTemporaryAccessCode, verifyTemporaryAccessCode } from "@/lib/support/temporary-access-code";
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
    if (!normalizeTemporaryAccessCode(proof.code)) return NO_MATCH;
    // One argon2 hash per attempt: the person's one live code (issuing revokes every other,
    // lib/support/reset.ts), or else the last one used while unexpired (so a second sign-in with
    // it hears "used"); with neither, a dummy hash takes the same time.
    const select = { id: true, codeHash: true, state: true } as const;
    const record =
      (await db.temporaryAccessCode.findFirst({ where: { userId, state: "issued", codeHash: { not: null }, expiresAt: { gt: now } }, select, orderBy: { issuedAt: "desc" } })) ??
      (await db.temporaryAccessCode.findFirst({ where: { userId, state: "used", codeHash: { not: null }, expiresAt: { gt: now } }, select, orderBy: { usedAt: "desc" } }));
    // A SHA-256 digest stored before codes were hashed with argon2 matches nothing (a new reset issues a code).
    const stored = record?.codeHash?.startsWith("$argon2") ? record.codeHash : null;
    if (!(await verifyTemporaryAccessCode(stored, proof.code)) || !record) return NO_MATCH;
    if (record.state === "used") return { kind: "used" };
    const { id } = record;
    // Claimed by id, only while still issued and unexpired: of parallel sign-ins with the right
    // code, one moves the row and the others find it used.
    return {
      kind: "fresh",
      claim: (at, gate) => Prisma.sql`
        UPDATE "TemporaryAccessCode" SET "state" = 'used', "usedAt" = ${at}::timestamp(3)
        WHERE "id" = ${id} AND "userId" = ${userId} AND "state" = 'issued'
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
