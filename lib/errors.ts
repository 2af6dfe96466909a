import { message, type Message, type MessageValues } from "@/lib/i18n/message";
import type { SudoMethod } from "@/lib/policy/limits";

/**
 * Every failure the app reports to a person is one of these codes. The words live in
 * messages/<locale>/errors.json (one key per code, checked by lib/i18n/messages.test.ts), so
 * layers pass codes, never sentences.
 */
export const ERROR_CODES = [
  "invalid_input",
  "invalid_credentials",
  "throttled",
  "unavailable",
  "email_taken",
  "weak_password",
  "token_invalid",
  "token_expired",
  "not_found",
  "unauthorized",
  "forbidden",
  "already_verified",
  "invalid_code",
  "code_used",
  "factor_suspended",
  "sudo_throttled",
  "code_expired",
  "locked",
  "challenge_over",
  "sign_in_expired",
  "sudo_required",
  "email_throttled",
  "send_throttled",
  "email_not_verified",
  "two_factor_not_enabled",
  "enrolment_expired",
  "email_unchanged",
  "email_change_taken",
  "support_two_factor_required",
  "secret_unreadable",
  "stronger_factor_required",
  "last_factor_confirm",
  "factor_not_found",
  "key_name_taken",
  "key_not_verified",
  "key_already_registered",
  "phone_unavailable",
  "phone_send_failed",
  "phone_verify_over",
  "fallback_needs_factor",
  "phone_same_number",
  "unexpected",
  "wrong_password",
  "not_me_step_expired",
  "two_factor_level_needs_factor",
  "two_factor_level_below_role",
  "project_two_factor_required",
  "project_verification_required",
  "project_name_mismatch",
  "project_last_owner",
  "invitation_other_account",
  "already_member",
  "reminder_throttled",
  "reminder_not_needed",
  "policy_confirm_required",
  "invitation_send_failed",
  "project_invitations_throttled",
  "inviter_invitations_throttled",
  "invitation_address_throttled",
  "project_policy_stale",
  "project_exemption_self",
  "support_own_account",
  "support_admin_required",
  "reset_not_pending",
  "reset_request_expired",
  "reset_own_request",
  "temporary_code_expired",
  "password_unchanged",
  "password_change_not_required",
  "api_key_invalid",
  "insufficient_scope",
  "rate_limited",
  "payload_too_large",
  "unsupported_media_type",
  "invalid_json",
  "api_key_name_taken",
  "door_name_taken",
  "card_taken",
  "external_id_taken",
  "access_member_not_in_project",
  "access_member_linked",
  "access_member_gone",
  "access_codes_not_suspended",
  "access_role_by_project_role",
  "import_has_errors",
  "import_card_taken",
  "import_file_too_large",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What a failure may carry for its message and form: attempts left, the end of a lock, when a code may be sent again. */
export type ErrorDetails = { attemptsLeft?: number; lockedUntil?: Date; sudo?: SudoMethod; values?: MessageValues; retryAt?: Date };

/** The one way domain functions report a failure a person should read. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: ErrorDetails = {},
  ) {
    super(code);
    this.name = "AppError";
  }
}

/** The message for a code, with the policy's numbers ("Wait {lockMinutes} minutes") filled in. */
export function errorMessage(code: ErrorCode, values?: MessageValues): Message {
  return message(`errors.${code}`, values);
}
