import { db, type Tx } from "@/lib/db";
import { emailKeyHash } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import { EMAILS_PER_HOUR, EMAIL_INTERVAL_MS } from "@/lib/policy";

/** What caused an email, for the audit trail of sends (never its content). */
export type EmailKind = "verify-email" | "password-reset" | "email-change" | "sign-up-existing" | "recovery-request";

/**
 * Claims one send of a person-triggered email: per address and per account, at most five an
 * hour of any kind, and one a minute of each kind (a reset link right after the verification
 * email is a different request, a second reset link is not). The keys are locked for the rest of the caller's transaction
 * (pg_advisory_xact_lock), so racing requests queue and cannot both slip under a limit.
 * Throws AppError("email_throttled") when a limit is reached; nothing is recorded then.
 *
 * Call it inside the transaction that creates the token or code the email carries, so a
 * refused send leaves no new token behind.
 */
export async function claimEmailSend(
  tx: Tx,
  input: { kind: EmailKind; address: string; userId?: string | null },
  now = new Date(),
): Promise<void> {
  const keys = [`address:${emailKeyHash(input.address)}`, ...(input.userId ? [`account:${input.userId}`] : [])].sort();
  for (const key of keys) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const recent = await tx.emailSend.findMany({ where: { key: { in: keys }, createdAt: { gt: hourAgo } }, select: { key: true, kind: true, createdAt: true } });
  const tooMany = keys.some((key) => recent.filter((row) => row.key === key).length >= EMAILS_PER_HOUR);
  const tooSoon = recent.some((row) => row.kind === input.kind && now.getTime() - row.createdAt.getTime() < EMAIL_INTERVAL_MS);
  if (tooMany || tooSoon) throw new AppError("email_throttled");
  await tx.emailSend.createMany({ data: keys.map((key) => ({ key, kind: input.kind, createdAt: now })) });
}

/** Old rows are of no use to the limits; callers may prune them now and then. */
export function pruneEmailSends(now = new Date()) {
  return db.emailSend.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - 3_600_000) } } });
}

