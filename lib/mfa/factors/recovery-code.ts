import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { parseRecoveryCode, verifyRecoverySecret } from "../recovery-codes";
import { NO_MATCH, type FactorModule } from "./types";

export type RecoveryCodeProof = { method: "recovery_code"; code: string };

/** A one-time recovery code: the way back in when the authenticator is gone, and out of a suspension. */
export const recoveryCodeFactor: FactorModule<RecoveryCodeProof> = {
  method: "recovery_code",
  real: true,
  signInStep: "two_factor",
  strength: 0,
  grantsSudo: true,
  // NIST SP 800-63B-4 §3.2.2: a suspended factor is restored with another one.
  liftsSuspension: true,
  schema: z.object({ method: z.literal("recovery_code"), code: z.string().trim().min(1, "validation.enterRecoveryCode").max(64) }),
  async match({ userId, proof }) {
    const parts = parseRecoveryCode(proof.code);
    const record = parts ? await db.recoveryCode.findUnique({ where: { userId_selector: { userId, selector: parts.selector } } }) : null;
    // One argon2 check whatever happens, so timing does not tell which selectors exist.
    const valid = await verifyRecoverySecret(record?.hash ?? null, parts?.secret ?? "");
    if (!record || !valid) return NO_MATCH;
    if (record.usedAt) return { kind: "used" };
    return {
      kind: "fresh",
      claim: (at, gate) => Prisma.sql`UPDATE "RecoveryCode" SET "usedAt" = ${at}::timestamp(3) WHERE "id" = ${record.id} AND "usedAt" IS NULL AND ${gate} RETURNING 1`,
    };
  },
  async afterPass(tx, { userId, purpose, context }) {
    const recoveryRemaining = await tx.recoveryCode.count({ where: { userId, usedAt: null } });
    await recordAudit(tx, { type: "recovery_code.used", actorId: userId, metadata: { remaining: recoveryRemaining, purpose }, context });
    return { recoveryRemaining };
  },
};
