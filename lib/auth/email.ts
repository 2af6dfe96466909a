import { z } from "zod";

/** Emails are compared case-insensitively: they are stored trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z
  .string()
  .trim()
  .min(1, "validation.enterEmail")
  .max(254, "validation.emailTooLong")
  .pipe(z.email("validation.emailInvalid"))
  .transform(normalizeEmail);
