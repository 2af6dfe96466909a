import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { decryptSecret, keyFromEnv } from "@/lib/crypto/secret-box";
import { matchTotp } from "../totp";
import { totpAad } from "../totp-enrolment";
import { NO_MATCH, type FactorModule } from "./types";

export type TotpProof = { method: "totp"; code: string };

/** An authenticator app (RFC 6238). Rule 1: a time step is accepted once. */
export const totpFactor: FactorModule<TotpProof> = {
  method: "totp",
  real: true,
  signInStep: "two_factor",
  strength: 2,
  grantsSudo: true,
  liftsSuspension: false,
  schema: z.object({ method: z.literal("totp"), code: z.string().trim().min(1, "validation.enterAuthenticatorCode").max(64) }),
  async match({ userId, proof, now }) {
    const factor = await db.twoFactorFactor.findFirst({ where: { userId, type: "totp", status: "active" } });
    if (!factor?.secretEncrypted) return NO_MATCH;
    const secret = decryptSecret(factor.secretEncrypted, keyFromEnv(), { aad: totpAad(factor.id) });
    const step = matchTotp({ secret, code: proof.code, now });
    if (step === null) return NO_MATCH;
    if (factor.lastUsedStep !== null && step <= factor.lastUsedStep) return { kind: "used" };
    return {
      kind: "fresh",
      // The compare-and-set makes racing requests agree on one winner.
      claim: (at, gate) => Prisma.sql`
        UPDATE "TwoFactorFactor" SET "lastUsedStep" = ${step}::integer, "lastUsedAt" = ${at}::timestamp(3)
        WHERE "id" = ${factor.id} AND "status" = 'active' AND ("lastUsedStep" IS NULL OR "lastUsedStep" < ${step}::integer) AND ${gate}
        RETURNING 1`,
    };
  },
};
