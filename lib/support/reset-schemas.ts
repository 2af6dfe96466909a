import { z } from "zod";
import { isPlainText } from "@/lib/validation/plain-text";
import { LIFETIME_HOURS_DEFAULT, LIFETIME_HOURS_MAX, LIFETIME_HOURS_MIN } from "./temporary-access-limits";

export const REASON_MIN = 10;
export const REASON_MAX = 500;

/** Why support acts: the admin's own words, kept in the audit log; line breaks become spaces. */
export const reasonSchema = z.preprocess(
  (value) => (typeof value === "string" ? value.replace(/\r\n?|\n/g, " ").trim() : value),
  z.string().min(REASON_MIN, "validation.reasonLength").max(REASON_MAX, "validation.reasonLength").refine(isPlainText, "validation.textInvalid"),
);

const id = z.string().trim().regex(/^[0-9a-zA-Z-]{1,64}$/, "validation.invalid");
/** An optional case id from a case page (`?case=`); empty means none. */
const caseId = z.preprocess((value) => (value === "" || value === null ? undefined : value), z.uuid("validation.invalid").optional());

export const resetTwoFactorSchema = z.object({
  userId: id,
  reason: reasonSchema,
  lifetimeHours: z.preprocess(
    (value) => (value === "" || value === undefined || value === null ? LIFETIME_HOURS_DEFAULT : value),
    z.coerce.number("validation.lifetimeHours").int("validation.lifetimeHours").min(LIFETIME_HOURS_MIN, "validation.lifetimeHours").max(LIFETIME_HOURS_MAX, "validation.lifetimeHours"),
  ),
  caseId,
});
export type ResetTwoFactorInput = z.output<typeof resetTwoFactorSchema>;

export const decideResetSchema = z.object({ resetId: id });

export const requirePasswordChangeSchema = z.object({ userId: id, reason: reasonSchema, caseId });
export type RequirePasswordChangeInput = z.output<typeof requirePasswordChangeSchema>;
