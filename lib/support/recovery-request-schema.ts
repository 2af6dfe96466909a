import { z } from "zod";
import { emailSchema } from "@/lib/auth/email";
import { isPlainText } from "@/lib/validation/plain-text";

/** What support needs to act on: what happened, how they can tell it is the owner. Counted in code points. */
export const RECOVERY_MESSAGE_MIN = 20;
export const RECOVERY_MESSAGE_MAX = 2000;
/** Recovery requests one person may file in any 24 hours (each one emails their address and another). */
export const RECOVERY_REQUESTS_PER_DAY = 3;

const length = (text: string) => [...text].length;

/**
 * Plain text in lines: line breaks are kept (a textarea sends CRLF), every other control or
 * bidirectional character is refused as in every free text (lib/validation/plain-text.ts).
 */
export const caseTextSchema = (min: number, max: number, messages: { short: string; long: string }) =>
  z
    .string()
    .transform((text) => text.replace(/\r\n?/g, "\n").trim())
    .refine((text) => length(text) >= min, messages.short)
    .refine((text) => length(text) <= max, messages.long)
    .refine((text) => isPlainText(text.replace(/\n/g, "")), "validation.textInvalid");

/** The recovery request form (app/(auth)/sign-in/verify/recovery-request), shared with its action. */
export const recoveryRequestSchema = z.object({
  contactEmail: emailSchema,
  message: caseTextSchema(RECOVERY_MESSAGE_MIN, RECOVERY_MESSAGE_MAX, { short: "validation.recoveryMessageShort", long: "validation.recoveryMessageLong" }),
});

export type RecoveryRequestInput = z.output<typeof recoveryRequestSchema>;
