import { z } from "zod";
import { isPlainText } from "@/lib/validation/plain-text";
import { TWO_FACTOR_LEVELS } from "@/lib/policy/levels";
import { EXEMPTION_DAYS_MAX, GRACE_DAYS_MAX } from "@/lib/policy/project";
import { projectId } from "./schemas";

/**
 * The settings page's forms (components/projects/settings), shared with their actions
 * (lib/actions/projects/settings.ts). Messages are message keys; the ranges are shown beside
 * the fields from the same constants.
 */

/** A whole number of days in [min, max], as a form sends it. */
const days = (min: number, max: number, key: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, key)
    .transform(Number)
    .refine((value) => value >= min && value <= max, key);

const level = z.enum(TWO_FACTOR_LEVELS, "validation.invalid");
/** A checkbox: present ("on") when ticked. */
const checkbox = z
  .string()
  .optional()
  .transform((value) => value === "on" || value === "1");
const flag = z.enum(["0", "1"], "validation.invalid").transform((value) => value === "1");
/** User ids, comma-separated (the people the confirmed preview showed as blocked at once). */
const userIds = z
  .string()
  .max(400_000, "validation.invalid")
  .optional()
  .transform((value) => (value ? value.split(",").filter(Boolean) : []));

export const updatePolicyInput = z.object({
  projectId,
  requiredLevel: level,
  secureMethodsOnly: checkbox,
  graceDays: days(0, GRACE_DAYS_MAX, "validation.projectGraceDays"),
  expectedLevel: level,
  expectedSecure: flag,
  expectedGraceDays: days(0, GRACE_DAYS_MAX, "validation.invalid"),
  confirm: checkbox,
  shownBlocked: userIds,
});

export const EXEMPTION_REASON_MAX = 200;

export const grantExemptionInput = z.object({
  projectId,
  userId: z.uuid("validation.projectChooseMember"),
  days: days(1, EXEMPTION_DAYS_MAX, "validation.projectExemptionDays"),
  reason: z.string().trim().min(1, "validation.projectExemptionReason").max(EXEMPTION_REASON_MAX, "validation.projectExemptionReasonTooLong").refine(isPlainText, "validation.textInvalid"),
});

export const endExemptionInput = z.object({ projectId, userId: z.uuid("validation.invalid") });
