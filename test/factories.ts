import crypto from "node:crypto";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { createSession, type PendingStep } from "@/lib/auth/sessions";
import type { RequestContext } from "@/lib/http/request-context";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/mfa/totp-enrolment";
import { generateTotp } from "@/lib/mfa/totp";

export const context: RequestContext = { ip: "127.0.0.1", userAgent: "vitest" };
export const PASSWORD = "a long and unusual password";

let passwordHash: Promise<string> | undefined;

/** A person with a verified email; every call makes a new one. */
export async function createUser(overrides: { email?: string; emailVerified?: boolean } = {}) {
  passwordHash ??= hashPassword(PASSWORD);
  const id = crypto.randomBytes(6).toString("hex");
  return db.user.create({
    data: {
      name: `Person ${id}`,
      email: overrides.email ?? `person-${id}@example.test`,
      passwordHash: await passwordHash,
      emailVerifiedAt: overrides.emailVerified === false ? null : new Date(),
    },
  });
}

export function openSession(userId: string, pendingStep: PendingStep | null, now = new Date()) {
  return db.$transaction((tx) => createSession(tx, userId, context, pendingStep, now));
}

/** The person acting from a session that signed in at `now`, so it is in sudo mode then. */
export async function sudoActor(userId: string, now = new Date()) {
  const session = await openSession(userId, null, now);
  return { userId, sessionId: session.id };
}

/** Enrols an authenticator at `now` and returns its secret and recovery codes. */
export async function enrolTotp(userId: string, now = new Date()) {
  const actor = await sudoActor(userId, now);
  const started = await startTotpEnrolment(actor, now);
  const secret = started.setupKey.replace(/\s+/g, "");
  const result = await confirmTotpEnrolment(userId, { factorId: started.factorId, code: generateTotp(secret, now) }, context, now);
  // The session that enrolled is not the one under test: it ends, so tests count only theirs.
  await db.session.update({ where: { id: actor.sessionId }, data: { revokedAt: now } });
  return { secret, recoveryCodes: result.recoveryCodes ?? [], factorId: started.factorId };
}

export const STEP_MS = 30_000;
