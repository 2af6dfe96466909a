import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { AppError, messageFor, type ErrorCode } from "@/lib/errors";

/** What a server action hands back to its form. */
export type FormState = {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  code?: ErrorCode;
  /** Set with code "sudo_required": how the person can confirm it is them. */
  sudo?: SudoMethod;
  /** Set with code "locked": when the lock ends (ISO 8601), so the form can count down. */
  lockedUntil?: string;
};

export type SudoMethod = "two_factor" | "password";

export function invalid(error: z.ZodError): FormState {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { message: messageFor("invalid_input"), fieldErrors, code: "invalid_input" };
}

export function failed(code: ErrorCode): FormState {
  return { message: messageFor(code), code };
}

/**
 * Turns a thrown error into form state: typed AppErrors become their message, Next's
 * redirects pass through, anything else is logged and shown as a generic failure.
 */
export function fromError(error: unknown): FormState {
  unstable_rethrow(error);
  if (error instanceof AppError) return failed(error.code);
  console.error("Unexpected error in a server action:", error);
  return failed("unexpected");
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
