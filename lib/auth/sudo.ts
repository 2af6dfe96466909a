import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/http/request-context";
import { MAX_FAILURES_PER_CHALLENGE, sudoWindowMs } from "@/lib/mfa/rules";
import { verifyPassword } from "./password";

/** Sudo mode: the session proved itself (password or second factor) within the last 15 minutes. */
export function hasSudo(session: { verifiedAt: Date | null }, now = new Date()): boolean {
  return !!session.verifiedAt && now.getTime() - session.verifiedAt.getTime() < sudoWindowMs();
}

export type SudoPasswordResult = { ok: true } | { ok: false; code: "invalid_credentials" | "challenge_over" };

/** Sudo by password, for people without 2FA. Five wrong passwords end the session. */
export async function verifySudoPassword(
  input: { userId: string; sessionId: string; password: string },
  context: RequestContext,
  now = new Date(),
): Promise<SudoPasswordResult> {
  const user = await db.user.findUniqueOrThrow({ where: { id: input.userId }, select: { passwordHash: true } });
  const valid = await verifyPassword(user.passwordHash, input.password.slice(0, 129));
  return db.$transaction(async (tx) => {
    if (valid) {
      const { count } = await tx.session.updateMany({
        where: { id: input.sessionId, userId: input.userId, revokedAt: null, pendingStep: null },
        data: { verifiedAt: now, challengeFailures: 0 },
      });
      if (count !== 1) return { ok: false, code: "challenge_over" } as const;
      await recordAudit(tx, { type: "sudo.granted", actorId: input.userId, metadata: { method: "password", sessionId: input.sessionId }, context });
      return { ok: true } as const;
    }
    const session = await tx.session.update({
      where: { id: input.sessionId },
      data: { challengeFailures: { increment: 1 } },
      select: { challengeFailures: true },
    });
    await recordAudit(tx, { type: "sudo.failed", outcome: "failure", actorId: input.userId, metadata: { method: "password" }, context });
    if (session.challengeFailures < MAX_FAILURES_PER_CHALLENGE) return { ok: false, code: "invalid_credentials" } as const;
    await tx.session.update({ where: { id: input.sessionId }, data: { revokedAt: now } });
    await recordAudit(tx, { type: "session.revoked", actorId: input.userId, metadata: { sessionId: input.sessionId, reason: "too_many_passwords" }, context });
    return { ok: false, code: "challenge_over" } as const;
  });
}
