import { db, type Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { sendLoginCode } from "@/lib/mfa/login-code";
import { normalizeEmail } from "./email";
import { burnPasswordCheck, PASSWORD_MAX, verifyPassword } from "./password";
import { createSession, type PendingStep } from "./sessions";
import { blockedUntil, clearFailures, recordFailure, type ThrottleKey } from "./throttle";

export type SignInResult =
  | { ok: true; userId: string; sessionId: string }
  | { ok: false; code: "invalid_credentials" | "throttled" };

/**
 * Checks a password and opens a server-side session. Unknown emails and wrong passwords give
 * the same answer in about the same time; failures are throttled per email and per address.
 */
export async function signInWithPassword(
  input: { email: string; password: string },
  context: RequestContext,
): Promise<SignInResult> {
  const email = normalizeEmail(input.email).slice(0, 254);
  const keys: ThrottleKey[] = [`email:${email}`, ...(context.ip ? [`ip:${context.ip}` as const] : [])];

  if (await blockedUntil(keys)) {
    await db.$transaction((tx) =>
      recordAudit(tx, { type: "auth.sign_in", outcome: "failure", metadata: { email, reason: "throttled" }, context }),
    );
    return { ok: false, code: "throttled" };
  }

  const user = await db.user.findUnique({ where: { email } });
  const password = input.password.slice(0, PASSWORD_MAX + 1);
  const valid = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);

  if (!user || !valid) {
    await db.$transaction(async (tx) => {
      await recordFailure(tx, keys);
      await recordAudit(tx, {
        type: "auth.sign_in",
        outcome: "failure",
        subjectId: user?.id ?? null,
        metadata: { email, reason: "invalid_credentials" },
        context,
      });
    });
    return { ok: false, code: "invalid_credentials" };
  }

  const session = await db.$transaction(async (tx) => {
    await clearFailures(tx, `email:${email}`);
    const step = await nextSignInStep(tx, user);
    const created = await createSession(tx, user.id, context, step);
    await recordAudit(tx, { type: "auth.sign_in", actorId: user.id, metadata: { sessionId: created.id, next: step ?? "signed_in" }, context });
    return created;
  });
  if (session.pendingStep === "email_code") {
    // A throttled send is not fatal: the challenge page says so and offers to send again.
    await sendLoginCode(user.id, session.id, context).catch((error) => {
      if (!(error instanceof AppError)) throw error;
    });
  }
  return { ok: true, userId: user.id, sessionId: session.id };
}

/** What a correct password leads to: a second factor, an emailed code, or straight in. */
async function nextSignInStep(
  tx: Tx,
  user: { id: string; emailLoginVerification: boolean; emailVerifiedAt: Date | null },
): Promise<PendingStep | null> {
  if ((await tx.twoFactorFactor.count({ where: { userId: user.id, status: "active" } })) > 0) return "two_factor";
  // Email login verification is not used once an authenticator is on (RustDesk), and needs a verified address.
  return user.emailLoginVerification && user.emailVerifiedAt ? "email_code" : null;
}
