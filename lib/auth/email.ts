import { z } from "zod";

/** Emails are compared case-insensitively: they are stored trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z
  .string()
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "This email address is too long.")
  .pipe(z.email("Enter a valid email address."))
  .transform(normalizeEmail);
