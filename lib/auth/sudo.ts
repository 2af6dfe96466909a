import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/http/request-context";
import { signedInSessionWhere } from "@/lib/policy";
import { checkPassword } from "./password-check";

export type SudoPasswordResult = { ok: true } | { ok: false; code: "invalid_credentials" | "sudo_throttled" | "sign_in_expired" };

/**
 * Sudo by password, for people without 2FA. The same claimed check as sign-in
 * (lib/auth/password-check.ts), so the prompt shares the email's 5 guesses per 15 minutes.
 */
export async function verifySudoPassword(
  input: { userId: string; sessionId: string; password: string },
  context: RequestContext,
  now = new Date(),
): Promise<SudoPasswordResult> {
  const user = await db.user.findUniqueOrThrow({ where: { id: input.userId }, select: { email: true } });
  const check = await checkPassword({ email: user.email, password: input.password, purpose: "sudo" }, context, now);
  if (!check.ok) return { ok: false, code: check.code === "throttled" ? "sudo_throttled" : "invalid_credentials" };
  return db.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({
      where: { id: input.sessionId, userId: input.userId, ...signedInSessionWhere(now) },
      data: { verifiedAt: now, verifiedMethod: "password" },
    });
    if (count !== 1) return { ok: false, code: "sign_in_expired" } as const;
    await recordAudit(tx, { type: "sudo.granted", actorId: input.userId, metadata: { method: "password", sessionId: input.sessionId }, context });
    return { ok: true } as const;
  });
}
