import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { emailKeyHash } from "@/lib/crypto/secret-box";
import { afterResponse } from "@/lib/http/after-response";
import type { RequestContext } from "@/lib/http/request-context";
import { notifyUser } from "@/lib/email/notify";
import { PASSWORD_FAILURE_STREAK_LIMIT } from "@/lib/policy";
import { normalizeEmail } from "./email";
import { burnPasswordCheck, PASSWORD_MAX, verifyPassword } from "./password";
import { THROTTLE_WINDOW_MS } from "@/lib/policy";
import { claimThrottle, releaseThrottle, throttleKeys } from "./throttle";

export type PasswordCheck =
  | { ok: true; user: { id: string; email: string; emailLoginVerification: boolean; emailVerifiedAt: Date | null; browserLocale: string | null; twoFactorChangedAt: Date | null; recoveryReminderAt: Date | null } }
  | { ok: false; code: "invalid_credentials" | "throttled" };

class Refused extends Error {}

/**
 * The one password check, for sign-in, the sudo prompt and a "This wasn't me" page (which an
 * emailed link opens, lib/auth/not-me.ts). A check is claimed before the
 * password is hashed: per email (5) and per address (30) in any 15 minutes, and per account
 * as a streak of wrong passwords that only a success resets (100 require a password reset).
 * So a burst of parallel guesses checks no more passwords than the limits, and a stranger
 * learns nothing: unknown emails cost one hash too, and every refusal reads the same.
 */
export async function checkPassword(
  input: { email: string; password: string; purpose: "sign_in" | "sudo" | "not_me" },
  context: RequestContext,
  now = new Date(),
): Promise<PasswordCheck> {
  const email = normalizeEmail(input.email).slice(0, 254);
  const keys = throttleKeys(email, context.ip);
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, emailLoginVerification: true, emailVerifiedAt: true, browserLocale: true, twoFactorChangedAt: true, recoveryReminderAt: true },
  });

  const claim = await db
    .$transaction(async (tx) => {
      const throttle = await claimThrottle(tx, keys, now);
      if (!throttle.ok) throw new Refused();
      if (!user) return { streak: 0, emailBlocked: throttle.emailBlocked };
      const [row] = await tx.$queryRaw<{ passwordFailureStreak: number }[]>`
        UPDATE "User" SET "passwordFailureStreak" = "passwordFailureStreak" + 1
        WHERE "id" = ${user.id} AND "passwordResetRequiredAt" IS NULL RETURNING "passwordFailureStreak"`;
      if (!row) throw new Refused();
      return { streak: row.passwordFailureStreak, emailBlocked: throttle.emailBlocked };
    })
    .catch((error) => {
      if (error instanceof Refused) return null;
      throw error;
    });
  if (!claim) return { ok: false, code: "throttled" };

  const password = input.password.slice(0, PASSWORD_MAX * 4 + 1);
  const valid = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);

  // A new account is usable from its email link on. Until then its right password fails
  // exactly like a wrong one (counted, throttled, recorded), so signing up with an address and
  // then signing in cannot tell whether the address already had an account.
  if (user && valid && (input.purpose !== "sign_in" || user.emailVerifiedAt)) {
    await db.$transaction(async (tx) => {
      await releaseThrottle(tx, keys);
      await tx.user.update({ where: { id: user.id }, data: { passwordFailureStreak: 0 } });
    });
    return { ok: true, user };
  }

  const blockedUntil = new Date(now.getTime() + THROTTLE_WINDOW_MS);
  const resetRequired = await db.$transaction(async (tx) => {
    await recordAudit(tx, {
      type: ({ sign_in: "auth.sign_in", sudo: "sudo.failed", not_me: "account.secure_failed" } as const)[input.purpose],
      outcome: "failure",
      actorId: input.purpose === "sudo" ? user?.id : null,
      subjectId: user?.id ?? null,
      // The typed email only when it names an account: otherwise it may be a mistyped password.
      metadata: { ...(user ? { email } : { emailHash: emailKeyHash(email) }), reason: "invalid_credentials", method: "password" },
      context,
    });
    if (claim.emailBlocked) {
      await recordAudit(tx, { type: "auth.sign_in_blocked", outcome: "failure", subjectId: user?.id ?? null, metadata: { until: blockedUntil.toISOString() }, context });
    }
    if (!user || claim.streak < PASSWORD_FAILURE_STREAK_LIMIT) return false;
    const { count } = await tx.user.updateMany({ where: { id: user.id, passwordResetRequiredAt: null }, data: { passwordResetRequiredAt: now } });
    // Sessions stay: a guesser must not be able to sign the owner out everywhere.
    if (count === 1) {
      await recordAudit(tx, { type: "password.reset_required", outcome: "failure", subjectId: user.id, metadata: { failures: claim.streak }, context });
    }
    return count === 1;
  });
  // Only an existing account gets these emails, so they leave after the answer: a stranger
  // must not be able to time the difference.
  if (user && resetRequired) await afterResponse(() => notifyUser(user.id, { template: "password-reset-required", props: { failures: claim.streak } }));
  else if (user && claim.emailBlocked) await afterResponse(() => notifyUser(user.id, { template: "sign-in-blocked", props: { until: blockedUntil } }));
  return { ok: false, code: "invalid_credentials" };
}
