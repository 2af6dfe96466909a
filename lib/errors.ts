/**
 * Every failure the app reports to a person is one of these codes; the words live here and
 * nowhere else, so layers pass codes, not strings.
 */
export const errorMessages = {
  invalid_input: "Some fields need your attention.",
  invalid_credentials: "Incorrect email or password. New account? Open the link we emailed you first.",
  throttled: "Too many attempts. Wait 15 minutes and try again, or reset your password.",
  unavailable: "Signing in is not possible right now because of a problem on our side. Please try again in a few minutes.",
  email_taken: "An account with this email already exists. Sign in instead.",
  weak_password: "This password is too common. Choose one that is harder to guess.",
  token_invalid: "This link is invalid or has already been used.",
  token_expired: "This link has expired. Request a new one.",
  not_found: "That could not be found.",
  unauthorized: "Please sign in to continue.",
  forbidden: "You do not have access to this.",
  already_verified: "Your email address is already verified.",
  invalid_code: "That code is not valid. Check it and try again.",
  code_used: "That code has already been used. Wait for the next code in your app, or use another recovery code.",
  factor_suspended: "Codes from your authenticator app are suspended after too many wrong codes. Use a recovery code, or contact support.",
  sudo_throttled: "Too many wrong attempts to confirm it is you. Wait 15 minutes and try again.",
  code_expired: "That code has expired. Request a new one.",
  // The time left is added where it is shown, from FormState.lockedUntil.
  locked: "Two-factor verification is locked after too many wrong codes.",
  challenge_over: "Too many wrong codes. Sign in again to get a new verification.",
  sign_in_expired: "This sign-in has expired. Sign in again.",
  sudo_required: "Confirm it is you to continue.",
  email_throttled: "An email was sent to this address recently. Wait a minute before asking for another (at most 5 an hour).",
  send_throttled: "A code was sent recently. Wait a moment before asking for another.",
  email_not_verified: "Verify your email address first.",
  two_factor_not_enabled: "Two-factor authentication is not enabled.",
  enrolment_expired: "This setup has expired. Start again.",
  email_unchanged: "This is already your email address.",
  email_change_taken: "This address now belongs to another account, so it cannot be used. Ask for the change again with another address.",
  support_two_factor_required: "Support staff read everyone's security log, so the support console needs two-factor authentication. Turn on an authenticator app first.",
  unexpected: "Something went wrong on our side. Please try again.",
} as const;

export type ErrorCode = keyof typeof errorMessages;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = "AppError";
  }
}

export function messageFor(code: ErrorCode): string {
  return errorMessages[code];
}
