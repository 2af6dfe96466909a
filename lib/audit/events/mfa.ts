import { auditEvents } from "./spec";

/**
 * mfa events. `fields`: the metadata keys an event may carry (none when absent). A phone number
 * is only ever its hint (the last digits, lib/mfa/phone-number.ts), never the number or a code.
 */
const phoneCode = ["channel", "purpose", "factorId", "number"] as const;

export const mfaEvents = auditEvents({
  "email_verification.disabled": { severity: "warning" },
  "email_verification.enabled": { severity: "notice" },
  "login_code.sent": { severity: "info", fields: ["channel"] },
  "login_code.throttled": { severity: "notice" },
  "phone.added": { severity: "notice", fields: ["factorId", "number", "channel", "fallback"] },
  "phone.code_sent": { severity: "info", fields: phoneCode },
  "phone.code_throttled": { severity: "notice", fields: phoneCode },
  "phone.made_primary": { severity: "notice", fields: ["factorId", "number"] },
  "phone.send_failed": { severity: "warning", fields: phoneCode },
  "phone.verify_failed": { severity: "notice", fields: ["factorId", "number", "attempt"] },
  "recovery_code.used": { severity: "warning", fields: ["remaining", "purpose"] },
  "recovery_codes.generated": { severity: "notice", fields: ["count"] },
  "recovery_codes.regenerated": { severity: "notice", fields: ["count"] },
  "trusted_computer.added": { severity: "notice", fields: ["trustedComputerId", "method", "expiresAt"] },
  "trusted_computer.revoked": { severity: "notice", fields: ["trustedComputerId", "count", "reason"] },
  "two_factor.challenge_failed": { severity: "notice", fields: ["method", "purpose", "reason"] },
  "two_factor.challenge_passed": { severity: "info", fields: ["method", "purpose"] },
  "two_factor.disabled": { severity: "warning", fields: ["factorsRemoved"] },
  "two_factor.enabled": { severity: "notice", fields: ["factor", "factorId", "name", "number"] },
  "two_factor.enrolment_failed": { severity: "info", fields: ["factor"] },
  "two_factor.factor_added": { severity: "notice", fields: ["factor", "factorId", "name", "number"] },
  "two_factor.factor_removed": { severity: "warning", fields: ["factor", "factorId", "name", "number", "replacedBy", "twoFactorOff"] },
  "two_factor.factor_renamed": { severity: "info", fields: ["factor", "factorId", "oldName", "newName"] },
  "two_factor.level_changed": { severity: "notice", fields: ["from", "to", "reason"] },
  "two_factor.locked": { severity: "warning", fields: ["until"] },
  "two_factor.preferred_changed": { severity: "info", fields: ["factor", "factorId"] },
  "two_factor.reenrolled": { severity: "notice", fields: ["factor"] },
  "two_factor.suspended": { severity: "critical", fields: ["failures"] },
  "two_factor.webauthn_counter_regression": { severity: "critical", fields: ["factorId", "name", "stored", "received", "purpose"] },
});
