import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import { getEnv } from "@/lib/env";
import type { SudoMethod } from "./limits";

/**
 * The one policy module: the rules every path asks, so none keeps its own copy. Numbers are
 * in ./limits (client-safe, also what messages say), password rules in ./password.
 */
export * from "./limits";
export * from "./password";

export const sudoWindowMs = () => getEnv().SUDO_MINUTES * 60_000;
export const twoFactorExpiryMs = () => getEnv().TWO_FACTOR_EXPIRY_DAYS * 86_400_000;
export const recoveryCodeCount = () => getEnv().RECOVERY_CODE_COUNT;

/** The configurable numbers people read, next to POLICY_VALUES. */
export function configuredValues() {
  return { sudoMinutes: getEnv().SUDO_MINUTES, recoveryCodes: recoveryCodeCount() };
}

// ── Second factors ────────────────────────────────────────────────────────────────────────

/** A real second factor: an active authenticator, phone or security key. Email login verification is not one. */
export const realFactorWhere = (userId: string): Prisma.TwoFactorFactorWhereInput => ({ userId, status: "active" });

export async function hasSecondFactor(userId: string, tx: Tx | typeof db = db): Promise<boolean> {
  return (await tx.twoFactorFactor.count({ where: realFactorWhere(userId) })) > 0;
}

/**
 * Ways a session can prove itself, strongest first. Sudo for a person with a real second factor
 * takes one of the factor methods (rule 6: a password, or a weaker channel, is not enough when a
 * stronger factor exists); without one, the password.
 */
export const SUDO_METHODS_WITH_FACTOR = ["totp", "recovery_code"] as const;

export async function sudoMethodFor(userId: string): Promise<SudoMethod> {
  return (await hasSecondFactor(userId)) ? "two_factor" : "password";
}

/** Sudo mode: the session proved itself (password or second factor) within the sudo window. */
export function hasSudo(session: { verifiedAt: Date | null }, now = new Date()): boolean {
  return !!session.verifiedAt && now.getTime() - session.verifiedAt.getTime() < sudoWindowMs();
}

// ── Sessions ──────────────────────────────────────────────────────────────────────────────

/** A session that still counts: not revoked, not expired, and a pending sign-in only while its step lasts. */
export const liveSessionWhere = (now: Date): Prisma.SessionWhereInput => ({
  revokedAt: null,
  expiresAt: { gt: now },
  OR: [{ pendingStep: null }, { pendingUntil: { gt: now } }],
});

/** A live, fully signed-in session (what the session list shows and sudo may mark). */
export const signedInSessionWhere = (now: Date): Prisma.SessionWhereInput => ({ revokedAt: null, expiresAt: { gt: now }, pendingStep: null });

/** A live sign-in that waits for its second step. */
export const pendingSessionWhere = (now: Date): Prisma.SessionWhereInput => ({ revokedAt: null, pendingStep: { not: null }, pendingUntil: { gt: now } });
