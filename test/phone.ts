import { expect } from "vitest";
import { db } from "@/lib/db";
import { parsePhoneNumber } from "@/lib/mfa/phone-number";
import { startPhoneEnrolment, verifyPhoneEnrolment } from "@/lib/mfa/phone-enrolment";
import type { PhoneChannel } from "@/lib/sms";
import { context, sudoActor } from "./factories";

/** A number as libphonenumber-js reads it (the tests' numbers are all valid). */
export function phone(typed: string) {
  const parsed = parsePhoneNumber(typed);
  if (!parsed.ok) throw new Error(`${typed}: ${parsed.problem}`);
  return parsed.phone;
}

/** The code in the newest outbox message to `to`: a text's last line (#123456), or a call's spoken digits. */
export async function lastPhoneCode(to: string): Promise<string> {
  const message = await db.outboxMessage.findFirst({ where: { to }, orderBy: { createdAt: "desc" } });
  const code = message?.text.match(/#(\d{6})\s*$/)?.[1] ?? message?.text.match(/(\d(?: \d){5})/)?.[1]?.replace(/ /g, "");
  if (!code) throw new Error(`no code in the outbox for ${to}: ${message?.text}`);
  return code;
}

/** Counts of what was sent to `to` through the outbox. */
export const outboxCount = (to: string) => db.outboxMessage.count({ where: { to } });

/**
 * Adds and verifies a number through the real flow, at `now`, from a fresh session in sudo
 * mode (ended afterwards, so tests count only their own sessions). Uses up one send of the
 * person's throttle at `now`.
 */
export async function enrolPhone(userId: string, now: Date, options: { number?: string; channel?: PhoneChannel; fallback?: boolean } = {}) {
  const number = phone(options.number ?? "+81 90-1234-5678");
  const actor = await sudoActor(userId, now);
  const started = await startPhoneEnrolment(actor, { phone: number, channel: options.channel ?? "sms", fallback: options.fallback ?? false }, context, now);
  expect(started.refusal).toBeNull();
  const verified = await verifyPhoneEnrolment(actor, { factorId: started.factorId, code: await lastPhoneCode(number.e164) }, context, now);
  await db.session.update({ where: { id: actor.sessionId }, data: { revokedAt: now } });
  return { factorId: started.factorId, e164: number.e164, recoveryCodes: verified.recoveryCodes ?? [] };
}
