import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/http/request-context";
import { AppError } from "@/lib/errors";
import { verifyFailure } from "@/lib/mfa/challenge";
import { verifySecondFactor, type FactorProof } from "@/lib/mfa/verify-second-factor";
import { signedInSessionWhere, sudoMethodFor } from "@/lib/policy";
import { checkPassword } from "./password-check";

/**
 * Sudo by password, for people without 2FA. The same claimed check as sign-in
 * (lib/auth/password-check.ts), so the prompt shares the email's 5 guesses per 15 minutes.
 * Throws AppError ("invalid_credentials", "sudo_throttled", "sign_in_expired") when refused.
 */
export async function verifySudoPassword(
  input: { userId: string; sessionId: string; password: string },
  context: RequestContext,
  now = new Date(),
): Promise<void> {
  const user = await db.user.findUniqueOrThrow({ where: { id: input.userId }, select: { email: true } });
  const check = await checkPassword({ email: user.email, password: input.password, purpose: "sudo" }, context, now);
  if (!check.ok) throw new AppError(check.code === "throttled" ? "sudo_throttled" : "invalid_credentials");
  await db.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({
      where: { id: input.sessionId, userId: input.userId, ...signedInSessionWhere(now) },
      data: { verifiedAt: now, verifiedMethod: "password" },
    });
    if (count !== 1) throw new AppError("sign_in_expired");
    await recordAudit(tx, { type: "sudo.granted", actorId: input.userId, metadata: { method: "password", sessionId: input.sessionId }, context });
  });
}

export type SudoProof = FactorProof | { method: "password"; password: string };

/**
 * Sudo mode, whoever calls: a second factor that grants sudo when the person has a real one,
 * otherwise the password (rule 6: a password is not enough when a stronger factor exists).
 * Throws AppError when refused; "sudo_required" carries the method to ask for instead.
 */
export async function confirmSudo(session: { id: string; userId: string }, proof: SudoProof, context: RequestContext): Promise<void> {
  const method = await sudoMethodFor(session.userId);
  if (proof.method === "password") {
    if (method !== "password") throw new AppError("sudo_required", { sudo: method });
    return verifySudoPassword({ userId: session.userId, sessionId: session.id, password: proof.password }, context);
  }
  if (method !== "two_factor") throw new AppError("two_factor_not_enabled", { sudo: "password" });
  const result = await verifySecondFactor({ ...proof, userId: session.userId, sessionId: session.id, purpose: "sudo" }, context);
  if (!result.ok) throw verifyFailure(result, "sudo");
}
