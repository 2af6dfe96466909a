import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { context, createUser, enrolTotp, openSession, PASSWORD, STEP_MS, sudoActor } from "@/test/factories";
import { removeFactor } from "./factor-changes";
import { totpFactor } from "./factors/totp";
import { generateTotp } from "./totp";
import { trustComputer } from "./trusted-computers";
import { verifySecondFactor } from "./verify-second-factor";

/**
 * Lock order. Every claim locks proof row → Session → User (lib/mfa/verify-second-factor.ts),
 * and a sign-in on a trusted computer locks the TrustedComputer row, then inserts a Session (a
 * FOR KEY SHARE on User through the foreign key). removeFactor (lib/mfa/factor-changes.ts) takes
 * `SELECT … FROM "User" … FOR UPDATE` FIRST, then deletes the factor row / revokes trusted
 * computers: the reverse order. FOR UPDATE conflicts even with the FK's KEY SHARE, so the two
 * wait on each other in a circle and PostgreSQL kills one (40P01): a 500 for the person, on
 * PostgreSQL only. (Same shape: renameSecurityKey vs a WebAuthn claim; sendLoginCode's
 * User → OneTimeCode.updateMany vs an email-code claim.)
 *
 * The interleaving is forced, with the real functions on both sides: a third transaction
 * briefly holds the pending Session row so the verify's one statement stops between its claim
 * of the factor row and its Session/User writes (or a hook pauses the sign-in between redeeming
 * the trust and creating the session).
 */
const T0 = new Date(Math.floor(Date.UTC(2026, 10, 22, 9) / STEP_MS) * STEP_MS + 5_000);
const NOW = new Date(T0.getTime() + STEP_MS);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** PGlite runs one statement at a time, so there the two sides simply follow each other. */
const onPostgres = !!process.env.TEST_DATABASE_URL;

/** Waits until `n` backends of this database wait on a lock. */
async function waitForLockWaiters(n: number) {
  if (!onPostgres) return;
  for (let i = 0; i < 200; i++) {
    const [row] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if (row!.n >= n) return;
    await sleep(25);
  }
  throw new Error(`never saw ${n} lock waiters`);
}

/** Holds a row lock on one pending session until `release()` is called. */
function holdSessionRow(sessionId: string) {
  if (!onPostgres) return { isLocked: Promise.resolve(), release: () => undefined, done: Promise.resolve() };
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const done = db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "Session" WHERE "id" = ${sessionId} FOR UPDATE`;
      locked();
      await released;
    },
    { timeout: 20_000 },
  );
  return { isLocked, release, done };
}

afterEach(() => vi.restoreAllMocks());

/** Runs inside the sign-in's transaction right after redeemTrustedComputer (once). */
let afterRedeem: (() => Promise<void>) | undefined;
vi.mock("./trusted-computers", async (importOriginal) => {
  const original = await importOriginal<typeof import("./trusted-computers")>();
  return {
    ...original,
    redeemTrustedComputer: async (...args: Parameters<typeof original.redeemTrustedComputer>) => {
      const result = await original.redeemTrustedComputer(...args);
      const hook = afterRedeem;
      afterRedeem = undefined;
      if (hook) await hook();
      return result;
    },
  };
});

const outcome = (p: Promise<unknown>) => p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error: String(error) }));

describe("removeFactor against a sign-in challenge passing with that factor", { timeout: 60_000 }, () => {
  it("neither request dies of a deadlock", async () => {
    const user = await createUser();
    const { secret, factorId } = await enrolTotp(user.id, T0);
    const pending = await openSession(user.id, "two_factor", NOW);
    const actor = await sudoActor(user.id, NOW);

    let gate: ReturnType<typeof holdSessionRow> | undefined;
    const realMatch = totpFactor.match.bind(totpFactor);
    vi.spyOn(totpFactor, "match").mockImplementation(async (args) => {
      const match = await realMatch(args);
      // After the attempt was claimed and the code checked: hold the pending session's row.
      gate = holdSessionRow(pending.id);
      await gate.isLocked;
      return match;
    });

    const verify = outcome(verifySecondFactor({ userId: user.id, sessionId: pending.id, method: "totp", code: generateTotp(secret, NOW), purpose: "sign_in" }, context, NOW));
    // The verify's statement has claimed the factor row and waits on the session row.
    await waitForLockWaiters(1);
    const remove = outcome(removeFactor(actor, { factorId, confirmLast: true }, context, NOW));
    // removeFactor holds the person's row and waits on the factor row.
    await waitForLockWaiters(2);
    gate?.release();
    await gate?.done;

    const [verified, removed] = await Promise.all([verify, remove]);
    const failures = [verified, removed].filter((r) => !r.ok).map((r) => (r as { error: string }).error);
    expect(failures.join("\n")).not.toMatch(/deadlock|40P01/i);
  });
});

describe("removing the last factor against a sign-in on a trusted computer", { timeout: 60_000 }, () => {
  it("neither request dies of a deadlock", async () => {
    const user = await createUser();
    const { factorId } = await enrolTotp(user.id, T0);
    await db.user.update({ where: { id: user.id }, data: { twoFactorLevel: "once_per_computer" } });
    const trusted = await trustComputer(user.id, "totp", context);
    const actor = await sudoActor(user.id);

    // Pause the sign-in between its trust redemption (TrustedComputer row locked) and its session insert.
    let removal: Promise<{ ok: boolean; error?: string }> | undefined;
    afterRedeem = async () => {
      removal = outcome(removeFactor(actor, { factorId, confirmLast: true }, context));
      // removeFactor now holds the person's row FOR UPDATE and waits on this trusted computer's row.
      await waitForLockWaiters(1);
    };
    const signIn = await outcome(signInWithPassword({ email: user.email, password: PASSWORD, trustToken: trusted.value }, { ip: "198.51.100.7", userAgent: "vitest" }));
    expect(removal).toBeDefined();
    const removed = await removal!;
    const failures = [signIn, removed].filter((r) => !r.ok).map((r) => (r as { error: string }).error);
    expect(failures.join("\n")).not.toMatch(/deadlock|40P01/i);
  });
});

describe("sending a new emailed sign-in code against the old one being entered", { timeout: 60_000 }, () => {
  it("neither request dies of a deadlock", async () => {
    const { emailCodeFactor } = await import("./factors/email-code");
    const { sendLoginCode } = await import("./login-code");
    const user = await createUser();
    const pending = await openSession(user.id, "email_code", T0);
    await sendLoginCode(user.id, pending.id, context, T0);
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { to: user.email }, orderBy: { createdAt: "desc" } });
    const code = mail.text.match(/^\d{6}$/m)![0];
    const later = new Date(T0.getTime() + 40_000);

    let gate: ReturnType<typeof holdSessionRow> | undefined;
    const realMatch = emailCodeFactor.match.bind(emailCodeFactor);
    vi.spyOn(emailCodeFactor, "match").mockImplementation(async (args) => {
      const match = await realMatch(args);
      gate = holdSessionRow(pending.id);
      await gate.isLocked;
      return match;
    });

    const verify = outcome(verifySecondFactor({ userId: user.id, sessionId: pending.id, method: "email_code", code, purpose: "sign_in" }, context, later));
    await waitForLockWaiters(1); // the claim holds the code row, waits on the session row
    const resend = outcome(sendLoginCode(user.id, pending.id, context, later));
    await waitForLockWaiters(2); // sendLoginCode holds the person's row, waits on the code row
    gate?.release();
    await gate?.done;

    const results = await Promise.all([verify, resend]);
    const failures = results.filter((r) => !r.ok).map((r) => (r as { error: string }).error);
    expect(failures.join("\n")).not.toMatch(/deadlock|40P01/i);
  });
});
