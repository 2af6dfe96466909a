import { z } from "zod";
import { isPlainText } from "@/lib/validation/plain-text";
import { ACCESS_CODE_MAX, ACCESS_CODE_MIN, accessCodeSchema } from "./code-rules";

/**
 * The access users part's input shapes, shared by the forms, their actions, the REST API (its
 * OpenAPI document) and the CSV import. Client-safe: no server-only import. Messages are keys of
 * messages/<locale>/*.json. Forms post "" for an empty field: optional fields read it as absent
 * (creating) or as "clear it" (a patch, where null also clears).
 */

export const ACCESS_USER_STATUSES = ["active", "suspended"] as const;
export const ACCESS_NAME_MAX = 100;
export const EXTERNAL_ID_MAX = 100;
export const FACILITY_CODE_MAX = 65_535;
export const CARD_NUMBER_MAX = 2_147_483_647;

/** Full-width digits and spaces from an IME become ASCII, as for codes; "" is absent. */
const blankToUndefined = (value: unknown) => {
  if (typeof value !== "string") return value;
  const trimmed = value.normalize("NFKC").trim();
  return trimmed === "" ? undefined : trimmed;
};
const blankToNull = (value: unknown) => (value === null ? null : (blankToUndefined(value) ?? (value === undefined ? undefined : null)));

const name = z
  .string("access.errors.nameRequired")
  .trim()
  .min(1, "access.errors.nameRequired")
  .max(ACCESS_NAME_MAX, "access.errors.nameLength")
  // A NUL fails PostgreSQL's text (a 500, not a message); other control characters and
  // bidirectional overrides make one name read as another in lists and the audit log.
  .refine(isPlainText, "validation.textInvalid");
const email = z.string().max(254, "validation.emailTooLong").pipe(z.email("validation.emailInvalid")).transform((value) => value.toLowerCase());
const externalId = z
  .string()
  .max(EXTERNAL_ID_MAX, "access.errors.externalIdFormat")
  .regex(/^[A-Za-z0-9._:-]+$/, "access.errors.externalIdFormat");
const memberUserId = z.uuid("access.errors.chooseMember");
const status = z.enum(ACCESS_USER_STATUSES, "validation.invalid");

export const accessUserInput = z.object({
  name,
  email: z.preprocess(blankToUndefined, email.optional()),
  externalId: z.preprocess(blankToUndefined, externalId.optional()),
  memberUserId: z.preprocess(blankToUndefined, memberUserId.optional()),
  status: z.preprocess(blankToUndefined, status.default("active")),
});
export type AccessUserInput = z.output<typeof accessUserInput>;

/** A change: absent fields stay; null (or "" from a form) clears email, external id and the member link. */
export const accessUserPatch = z.object({
  name: name.optional(),
  email: z.preprocess(blankToNull, email.nullable().optional()),
  externalId: z.preprocess(blankToNull, externalId.nullable().optional()),
  memberUserId: z.preprocess(blankToNull, memberUserId.nullable().optional()),
  status: z.preprocess(blankToUndefined, status.optional()),
});
export type AccessUserPatch = z.output<typeof accessUserPatch>;

/** A whole number typed in a form (or sent as one): full-width digits become ASCII; anything else fails. */
const wholeNumber = (max: number, key: string) =>
  z.preprocess(
    (value) => {
      const text = blankToUndefined(value);
      return typeof text === "string" && /^[0-9]+$/.test(text) ? Number(text) : text;
    },
    z.number(key).int(key).min(0, key).max(max, key),
  );

/** A badge: facility code and card number (Wiegand 26 has 0-255 and 0-65535; 35/37-bit formats go higher). */
export const cardInput = z.object({
  facilityCode: wholeNumber(FACILITY_CODE_MAX, "access.errors.facilityCode"),
  cardNumber: wholeNumber(CARD_NUMBER_MAX, "access.errors.cardNumber"),
});
export type CardInput = z.output<typeof cardInput>;

export const codeInput = z.object({ code: accessCodeSchema });

/** How long a generated code is: Verkada's 4 to 16 digits. */
export const generateLengthSchema = wholeNumber(ACCESS_CODE_MAX, "access.errors.generateLength").pipe(
  z.number().min(ACCESS_CODE_MIN, "access.errors.generateLength"),
);

/** **Add MFA code** and the entry code: a typed code, or **Generate** one of a chosen length (exactly one of the two). */
export const newCodeFields = z.object({
  code: z.preprocess(blankToUndefined, accessCodeSchema.optional()),
  generateLength: z.preprocess(blankToUndefined, generateLengthSchema.optional()),
});
/** Exactly one of a typed code and a length to generate. */
export const hasOneCodeSource = (value: { code?: string; generateLength?: number }) => (value.code === undefined) !== (value.generateLength === undefined);
export const ONE_CODE_SOURCE = { message: "access.errors.codeOrGenerate", path: ["code"] };
export const newCodeInput = newCodeFields.refine(hasOneCodeSource, ONE_CODE_SOURCE);
export type NewCodeInput = z.output<typeof newCodeInput>;
