import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { PASSWORD_SESSION_MAX_MS, type SudoMethod } from "./limits";

/**
 * The one policy module: the rules every path asks, so none keeps its own copy. Numbers are
 * in ./limits (client-safe, also what messages say), password rules in ./password.
 */
export * from "./limits";
export * from "./password";
export * from "./levels";

export const sudoWindowMs = () => getEnv().SUDO_MINUTES * 60_000;
export const twoFactorExpiryMs = () => getEnv().TWO_FACTOR_EXPIRY_DAYS * 86_400_000;
export const recoveryCodeCount = () => getEnv().RECOVERY_CODE_COUNT;
/** A session verified with a second factor (or a trusted computer): idle limit and overall limit. */
export const sessionIdleMs = () => getEnv().SESSION_IDLE_MINUTES * 60_000;
export const factorSessionMaxMs = () => getEnv().SESSION_MAX_HOURS * 3_600_000;

/**
 * When a session that starts at `now` ends (NIST SP 800-63B-4 §2.2.3): verified with a second
 * factor, after the idle limit unless used and after the overall limit at the latest; with the
 * password alone (or an emailed code, which is not a factor), after 30 days, with no idle limit.
 */
export function sessionLifetime(factorVerified: boolean, now: Date): { expiresAt: Date; idleUntil: Date | null } {
  if (!factorVerified) return { expiresAt: new Date(now.getTime() + PASSWORD_SESSION_MAX_MS), idleUntil: null };
  return { expiresAt: new Date(now.getTime() + factorSessionMaxMs()), idleUntil: new Date(now.getTime() + sessionIdleMs()) };
}

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

/** Factor types stronger than a phone (rule 6: SMS and voice do not confirm sudo beside them). */
export const STRONG_FACTOR_TYPES = ["totp", "webauthn"] as const;

export async function hasStrongerFactor(userId: string, tx: Tx | typeof db = db): Promise<boolean> {
  return (await tx.twoFactorFactor.count({ where: { ...realFactorWhere(userId), type: { in: [...STRONG_FACTOR_TYPES] } } })) > 0;
}

/**
 * How sudo is confirmed: with a real second factor, by one of the methods that grant it
 * (lib/mfa/factors: rule 6, a password or a weaker channel is not enough when a stronger factor
 * exists); without one, by the password.
 */
export async function sudoMethodFor(userId: string): Promise<SudoMethod> {
  return (await hasSecondFactor(userId)) ? "two_factor" : "password";
}

/** Sudo mode: the session proved itself (password or second factor) within the sudo window. */
export function hasSudo(session: { verifiedAt: Date | null }, now = new Date()): boolean {
  return !!session.verifiedAt && now.getTime() - session.verifiedAt.getTime() < sudoWindowMs();
}

// ── Sessions ──────────────────────────────────────────────────────────────────────────────

/** Not past its idle limit (sessions verified with a second factor have one; the rest have none). */
const notIdleWhere = (now: Date): Prisma.SessionWhereInput => ({ OR: [{ idleUntil: null }, { idleUntil: { gt: now } }] });

/** A session that still counts: not revoked, not expired or idle too long, and a pending sign-in only while its step lasts. */
export const liveSessionWhere = (now: Date): Prisma.SessionWhereInput => ({
  revokedAt: null,
  expiresAt: { gt: now },
  AND: [{ OR: [{ pendingStep: null }, { pendingUntil: { gt: now } }] }, notIdleWhere(now)],
});

/** A live, fully signed-in session (what the session list shows and sudo may mark). */
export const signedInSessionWhere = (now: Date): Prisma.SessionWhereInput => ({
  revokedAt: null,
  expiresAt: { gt: now },
  pendingStep: null,
  AND: [notIdleWhere(now)],
});

/** A live sign-in that waits for its second step. */
export const pendingSessionWhere = (now: Date): Prisma.SessionWhereInput => ({ revokedAt: null, pendingStep: { not: null }, pendingUntil: { gt: now } });

/**
 * The last two in SQL, for statements that check and change a session in one go (the attempt
 * claim, the upgrade after a second step). lib/policy/sessions.test.ts holds each pair equal.
 */
export const signedInSessionSql = (now: Date) =>
  Prisma.sql`"revokedAt" IS NULL AND "expiresAt" > ${now} AND "pendingStep" IS NULL AND ("idleUntil" IS NULL OR "idleUntil" > ${now})`;
export const pendingSessionSql = (now: Date) => Prisma.sql`"revokedAt" IS NULL AND "pendingStep" IS NOT NULL AND "pendingUntil" > ${now}`;

// ── Sudo, whoever calls ───────────────────────────────────────────────────────────────────

/** The signed-in person acting, and the session they act from. */
export type Actor = { userId: string; sessionId: string };

/**
 * For every domain function that changes what protects an account (2FA off, new recovery
 * codes, a new authenticator, password or email change, email verification off): the acting
 * session must be live and in sudo mode, read from the database, whoever the caller is (a form,
 * later a REST route). Throws "sudo_required" with the method to ask for.
 */
export async function requireSudo(actor: Actor, now = new Date(), tx: Tx | typeof db = db): Promise<void> {
  const session = await tx.session.findFirst({
    where: { id: actor.sessionId, userId: actor.userId, ...signedInSessionWhere(now) },
    select: { verifiedAt: true },
  });
  if (session && hasSudo(session, now)) return;
  throw new AppError("sudo_required", { sudo: await sudoMethodFor(actor.userId) });
}
