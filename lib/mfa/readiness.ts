import { db } from "@/lib/db";
import { RECOVERY_CODES_LOW } from "@/lib/policy/limits";

/**
 * Recovery readiness: how well a person could get back into their account after losing
 * something — a phone, a security key, the sheet of recovery codes, access to a number.
 *
 * What is true for recovery in Tessera: with two-factor authentication on, a password reset
 * still asks for a second factor, so the only ways back in are another active factor or an
 * unused recovery code (support's identity-checked reset is the last resort, not a plan). A
 * factor is only a way back if it does not vanish with the thing that was lost, so factors are
 * counted by the device they live on: an authenticator app and the primary phone number are
 * assumed to be on one phone (they usually are), the fallback number on another, every
 * security key is its own device, and a synced passkey (backed up by its platform) survives the
 * loss of any one device. The verified email matters for a forgotten password: the reset link
 * goes there.
 */
export type ReadinessFactor = { type: "totp" | "sms" | "voice" | "webauthn"; fallback: boolean; backedUp?: boolean | null };

export type ReadinessInput = {
  /** Active factors only: a pending enrolment gets nobody in. */
  factors: readonly ReadinessFactor[];
  /** Unused recovery codes. */
  recoveryCodesLeft: number;
  emailVerified: boolean;
};

export type ReadinessRating = "good" | "fair" | "poor";

export type FindingCode = "no_recovery_codes" | "one_device" | "few_recovery_codes" | "phone_only" | "email_unverified";

/** The one step that fixes a finding; NEXT_STEP_HREF says where it is done. */
export type NextStep =
  | "regenerate_recovery_codes"
  | "add_security_key"
  | "add_second_security_key"
  | "add_fallback_number"
  | "add_authenticator_app"
  | "verify_email";

/** `critical`: one lost thing away from a lockout. `warning`: worth fixing, not yet dangerous. */
export type Finding = { code: FindingCode; severity: "critical" | "warning"; step: NextStep; count?: number };

export type Readiness = { rating: ReadinessRating; findings: Finding[] };

/** Where each step is done: the cards' anchors on the Security page, the Account page for the email. */
export const NEXT_STEP_HREF: Record<NextStep, string> = {
  regenerate_recovery_codes: "/security#recovery-codes",
  add_security_key: "/security#security-keys",
  add_second_security_key: "/security#security-keys",
  add_fallback_number: "/security#phone",
  add_authenticator_app: "/security#two-factor",
  verify_email: "/account",
};

/** Findings of equal severity in this order: what a lockout depends on most comes first. */
const ORDER: readonly FindingCode[] = ["no_recovery_codes", "one_device", "few_recovery_codes", "phone_only", "email_unverified"];

/** The devices the factors live on, and whether one of them is a synced passkey. */
function devicesOf(factors: readonly ReadinessFactor[]) {
  const devices = new Set<string>();
  let synced = false;
  factors.forEach((factor, index) => {
    if (factor.type === "webauthn") {
      devices.add(`key:${index}`);
      if (factor.backedUp) synced = true;
    } else devices.add(factor.fallback ? "fallback phone" : "phone");
  });
  return { count: devices.size, synced };
}

/** Rates how well a person can get back in, with each finding's one next step, most important first. */
export function rateRecoveryReadiness(input: ReadinessInput): Readiness {
  const { factors, emailVerified } = input;
  const codes = Math.max(0, Math.floor(input.recoveryCodesLeft));
  const findings: Finding[] = [];

  if (factors.length > 0) {
    const devices = devicesOf(factors);
    // Losing one device (or one number) loses every factor: only the codes are left.
    const oneDevice = devices.count <= 1 && !devices.synced;
    const codesLow = codes <= RECOVERY_CODES_LOW;
    const lockoutRisk = oneDevice && codesLow;
    const severity = lockoutRisk ? "critical" : "warning";
    const phones = factors.filter((factor) => factor.type === "sms" || factor.type === "voice");

    if (codes === 0) findings.push({ code: "no_recovery_codes", severity, step: "regenerate_recovery_codes", count: 0 });
    else if (codesLow) findings.push({ code: "few_recovery_codes", severity, step: "regenerate_recovery_codes", count: codes });
    if (oneDevice) {
      // A number in use asks for GitHub's answer, a fallback number; a lone key for a second key.
      const step: NextStep = phones.some((phone) => !phone.fallback)
        ? "add_fallback_number"
        : factors.every((factor) => factor.type === "webauthn")
          ? "add_second_security_key"
          : "add_security_key";
      findings.push({ code: "one_device", severity, step });
    }
    // Codes by SMS or call depend on the carrier: a lost or ported number (a SIM swap) takes them all.
    if (phones.length === factors.length) findings.push({ code: "phone_only", severity: "warning", step: "add_authenticator_app" });
  }
  if (!emailVerified) findings.push({ code: "email_unverified", severity: "warning", step: "verify_email" });

  findings.sort((a, b) => Number(a.severity !== "critical") - Number(b.severity !== "critical") || ORDER.indexOf(a.code) - ORDER.indexOf(b.code));
  const rating: ReadinessRating = findings.some((finding) => finding.severity === "critical") ? "poor" : findings.length > 0 ? "fair" : "good";
  return { rating, findings };
}

/**
 * What the rating needs, and when the last reminder went out, in one statement: the person,
 * their active factors and the count of unused codes are joined (relationJoins), not fetched
 * one by one. Null when there is no such person.
 */
export async function loadRecoveryReadiness(userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    relationLoadStrategy: "join",
    select: {
      emailVerifiedAt: true,
      recoveryReminderAt: true,
      twoFactorChangedAt: true,
      factors: { where: { status: "active" }, select: { type: true, fallback: true, backedUp: true } },
      _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
    },
  });
  if (!user) return null;
  const input: ReadinessInput = { factors: user.factors, recoveryCodesLeft: user._count.recoveryCodes, emailVerified: !!user.emailVerifiedAt };
  return { ...rateRecoveryReadiness(input), input, reminderAt: user.recoveryReminderAt, twoFactorChangedAt: user.twoFactorChangedAt };
}
