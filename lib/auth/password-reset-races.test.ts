import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { testBackend } from "@/test/db";
import { context, createUser, enrolTotp, openSession, STEP_MS } from "@/test/factories";
import { generateTotp } from "@/lib/mfa/totp";
import { verifySecondFactor } from "@/lib/mfa/verify-second-factor";
import { requestPasswordReset, resetPassword } from "./password-reset";

/**
 * A password reset with 2FA writes the token, every session of the person and then the person,
 * inside the transaction that claimed the code, with the new password hashed (argon2) in there.
 * Every code claim locks a challenge's row and then the person's (lib/mfa/attempts.ts). If the
 * reset locked the person first, a claim arriving during the hash would close a circle and
 * PostgreSQL would abort one side (40P01): an unexpected error, and a right code counted as a
 * failure. The hash is held open here until the competitor has either finished or is waiting
 * on a lock, so the moment is not left to timing. On PGlite everything runs one at a time, so
 * the competitor simply follows.
 */
let hashing: { reached: () => void; release: Promise<void> } | undefined;
vi.mock("@/lib/auth/password", async (original) => {
  const actual = await original<typeof import("@/lib/auth/password")>();
  return {
    ...actual,
    hashPassword: async (password: string) => {
      const hash = await actual.hashPassword(password);
      const gate = hashing;
      hashing = undefined;
      if (gate) {
        gate.reached();
        await gate.release;
      }
      return hash;
    },
  };
});

const T0 = new Date(Math.floor(Date.UTC(2026, 10, 25, 14) / STEP_MS) * STEP_MS + 5_000);
const NOW = new Date(T0.getTime() + STEP_MS);
const NEW_PASSWORD = "a brand new passphrase for tessera";

async function resetLinkFor(email: string) {
  const { deliver } = await requestPasswordReset({ email }, context, T0);
  await deliver();
  const message = await db.outboxMessage.findFirstOrThrow({ where: { to: email, subject: { contains: "Reset" } }, orderBy: { createdAt: "desc" } });
  return message.text.match(/reset-password\?token=([\w-]{43})/)![1]!;
}

/** Resolves once `work` has settled or some statement of this database waits on a lock. */
async function settledOrWaiting(work: Promise<unknown>) {
  let settled = false;
  void work.then(
    () => (settled = true),
    () => (settled = true),
  );
  if (testBackend() === "pglite") return;
  while (!settled) {
    const [row] = await db.$queryRaw<{ waiting: number }[]>`
      SELECT count(*)::int AS "waiting" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if ((row?.waiting ?? 0) > 0) return;
  }
}

/** Runs the reset, and `competitor` while the reset's transaction hashes the new password. */
async function resetWhile(competitor: (person: { userId: string; token: string; code: string }) => Promise<unknown>) {
  const user = await createUser();
  const { secret } = await enrolTotp(user.id, T0);
  const token = await resetLinkFor(user.email);
  const code = generateTotp(secret, NOW);
  let reached!: () => void;
  let release!: () => void;
  const atHash = new Promise<void>((resolve) => (reached = resolve));
  hashing = { reached, release: new Promise<void>((resolve) => (release = resolve)) };
  const reset = resetPassword({ token, password: NEW_PASSWORD, method: "totp", code }, context, NOW);
  if (testBackend() === "postgres") await atHash;
  const other = competitor({ userId: user.id, token, code });
  await settledOrWaiting(other);
  release();
  const results = await Promise.allSettled([reset, other]);
  const unexpected = results.flatMap((result) =>
    result.status === "rejected" && (result.reason as Error).name !== "AppError" ? [String(result.reason).split("\n").at(-1)] : [],
  );
  return { user, results, unexpected };
}

describe("a password reset with 2FA while the same person's codes are being checked", { timeout: 60_000 }, () => {
  it("a wrong code at another pending sign-in neither deadlocks nor fails the reset", async () => {
    const { user, results, unexpected } = await resetWhile(async ({ userId }) => {
      const pending = await openSession(userId, "two_factor", NOW);
      return verifySecondFactor({ userId, sessionId: pending.id, method: "totp", code: "000000", purpose: "sign_in" }, context, NOW);
    });
    expect(unexpected).toEqual([]);
    expect(results[0].status).toBe("fulfilled");
    // The reset ended every session, the one that guessed included.
    expect(await db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
  });

  it("a double submit of the reset form: one reset, the other refused, no database error", async () => {
    const { results, unexpected } = await resetWhile(({ token, code }) => resetPassword({ token, password: NEW_PASSWORD, method: "totp", code }, context, NOW));
    expect(unexpected).toEqual([]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
  });
});
