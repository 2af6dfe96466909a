import type { z } from "zod";
import { AppError, ERROR_CODES, errorMessage, type ErrorCode } from "@/lib/errors";
import type { Message } from "@/lib/i18n/message";
import { POLICY_VALUES, type SudoMethod } from "@/lib/policy/limits";

export type { SudoMethod };

/**
 * What a server action hands back to its form: message keys with values, never sentences; the
 * page renders them in the viewer's language (components/ui/message-text.ts).
 */
export type FormState = {
  ok?: boolean;
  message?: Message;
  fieldErrors?: Record<string, Message[] | undefined>;
  code?: ErrorCode;
  /** Set with code "sudo_required": how the person can confirm it is them. */
  sudo?: SudoMethod;
  /** Set with code "locked": when the lock ends (ISO 8601), so the form can count down. */
  lockedUntil?: string;
};

/** Message keys a schema may name: validation's, and the access-control parts' own ("access.errors.codeLength"). */
const OWN_KEY = /^(validation|access|accessDoors|accessImport|api)\.[A-Za-z0-9_.]+$/;

/**
 * A schema's issues as field errors. Schemas name message keys ("validation.enterCode"); an
 * issue zod worded itself (a type it did not expect) reads as "validation.invalid".
 */
export function invalid(error: z.ZodError): FormState {
  const fieldErrors: Record<string, Message[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    const text = OWN_KEY.test(issue.message) ? issue.message : "validation.invalid";
    (fieldErrors[key] ??= []).push({ key: text, values: { ...POLICY_VALUES } });
  }
  return { message: errorMessage("invalid_input"), fieldErrors, code: "invalid_input" };
}

export function failed(code: ErrorCode): FormState {
  return { message: errorMessage(code), code };
}

/**
 * The refusal a form route sent a browser without JavaScript back with (`?failed=<code>`,
 * lib/actions/define-form-route.ts), as the form's first state; anything else is no refusal.
 */
export function failedFromQuery(value: string | string[] | undefined): FormState {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value) ? failed(value as ErrorCode) : {};
}

/** A typed failure as form state: attempts left and a lock's end travel with it. */
export function fromAppError(error: AppError): FormState {
  const { attemptsLeft, lockedUntil, sudo, values } = error.details;
  const showLeft = error.code === "invalid_code" && attemptsLeft !== undefined && attemptsLeft <= 3;
  const state: FormState = {
    code: error.code,
    message: showLeft ? { key: "errors.invalid_code_attempts_left", values: { ...POLICY_VALUES, ...values, count: attemptsLeft } } : errorMessage(error.code, values),
  };
  if (error.code === "locked" && lockedUntil) state.lockedUntil = lockedUntil.toISOString();
  if (sudo) state.sudo = sudo;
  return state;
}

/**
 * Reads FormData as a plain object of strings, for zod. A client can call an action with any
 * arguments; proxy.ts refuses calls that do not end with a FormData, and an action called with
 * too few arguments still gets here with something else: it reads as an empty form, which the
 * schema rejects with a message instead of a crash (a 500).
 */
export function formObject(formData: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!(formData instanceof FormData)) return result;
  for (const [key, value] of formData) if (typeof value === "string") result[key] = value;
  return result;
}
