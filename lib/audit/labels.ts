/** Plain words for audit event types, for the person's own security log. */
const labels: Record<string, string> = {
  "account.created": "Account created",
  "auth.sign_in": "Signed in",
  "auth.password_verified": "Password accepted, waiting for the second step",
  "auth.sign_in_blocked": "Sign-in with password paused after wrong passwords",
  "password.reset_required": "Password reset required after too many wrong passwords",
  "two_factor.suspended": "Second factor suspended after too many wrong codes",
  "account.sign_up_attempted": "Someone tried to sign up with your email address",
  "session.revoked": "Session signed out",
  "session.revoked_others": "Other sessions signed out",
  "email.verification_sent": "Verification email sent",
  "email.verified": "Email address verified",
  "two_factor.enabled": "Two-factor authentication enabled",
  "two_factor.disabled": "Two-factor authentication disabled",
  "two_factor.reenrolled": "Authenticator app re-enrolled",
  "two_factor.enrolment_failed": "Wrong code while setting up an authenticator",
  "two_factor.challenge_passed": "Two-factor verification passed",
  "two_factor.challenge_failed": "Wrong two-factor code",
  "two_factor.locked": "Two-factor sign-in locked",
  "recovery_codes.generated": "Recovery codes generated",
  "recovery_codes.regenerated": "Recovery codes regenerated",
  "recovery_code.used": "Recovery code used",
  "email_verification.enabled": "Email login verification turned on",
  "email_verification.disabled": "Email login verification turned off",
  "login_code.sent": "Sign-in code emailed",
  "login_code.throttled": "Sign-in code not sent (too many requests)",
  "sudo.granted": "Identity confirmed for a sensitive change",
  "sudo.failed": "Wrong password while confirming identity",
  "password.changed": "Password changed",
  "email.change_requested": "Email address change requested",
  "email.changed": "Email address changed",
  "notification.failed": "A security email could not be sent",
};

export function auditLabel(type: string, outcome: string): string {
  const label = labels[type] ?? type;
  return type === "auth.sign_in" && outcome === "failure" ? "Failed sign-in" : label;
}
