import { z } from "zod";

/**
 * Verkada's rules for keypad codes, without server-only code (forms read them too):
 * 4 to 16 digits; several people may share one MFA code; a person may have several MFA codes,
 * and an entry code beside them.
 */
export const ACCESS_CODE_MIN = 4;
export const ACCESS_CODE_MAX = 16;
export const ACCESS_CODE_DEFAULT_LENGTH = 6;

/**
 * A typed code as a keypad would take it: NFKC turns full-width digits (a Japanese IME's
 * "１２３４") into ASCII ones, and spaces people type to group digits go. Nothing else changes:
 * "12a4" stays invalid rather than becoming "124".
 */
export function normaliseAccessCode(raw: string): string {
  return raw.normalize("NFKC").replace(/[\s\u00a0]+/g, "");
}

/** The code field of every form, API body and CSV row. Messages are keys of messages/<locale>/access.json. */
export const accessCodeSchema = z
  .string()
  .transform(normaliseAccessCode)
  .pipe(
    z
      .string()
      .regex(/^[0-9]*$/, "access.errors.codeDigits")
      .min(ACCESS_CODE_MIN, "access.errors.codeLength")
      .max(ACCESS_CODE_MAX, "access.errors.codeLength"),
  );
