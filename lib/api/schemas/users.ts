import { z } from "zod";
import { ACCESS_CODE_DEFAULT_LENGTH, ACCESS_CODE_MAX, ACCESS_CODE_MIN, accessCodeSchema } from "@/lib/access/code-rules";
import { accessUserInput, accessUserPatch, cardInput, ACCESS_USER_STATUSES } from "@/lib/access/schemas";
import type { AccessCardSummary, AccessUserDetail, AccessUserSummary } from "@/lib/access/users";
import { timestamp, uuidParam } from "./common";

/** Access users and their credentials as the API takes and answers them (requests: the forms' own schemas). */

export const accessUserParams = z.object({ accessUserId: uuidParam });
export const cardParams = z.object({ accessUserId: uuidParam, cardId: uuidParam });
export const codeParams = z.object({ accessUserId: uuidParam, codeId: uuidParam });

export const accessUsersQuery = z.object({
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,500}$/).optional().describe("The previous page's nextCursor"),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe("Users per page, 1-200"),
  q: z.string().max(200).optional().describe("Finds users whose name, email or external id contains it, ignoring case"),
});

export const accessUserBody = accessUserInput;
export const accessUserPatchBody = accessUserPatch;
export const cardBody = cardInput;

/** **Add MFA code**: `{ "code": "482916" }`, or `{ "generate": { "length": 6 } }` for a random one (answered once). */
export const mfaCodeBody = z.union([
  z.strictObject({ code: accessCodeSchema }),
  z.strictObject({ generate: z.strictObject({ length: z.number().int().min(ACCESS_CODE_MIN, "access.errors.generateLength").max(ACCESS_CODE_MAX, "access.errors.generateLength").default(ACCESS_CODE_DEFAULT_LENGTH) }) }),
]);
/** Verkada's delete-by-value: every MFA code of the user equal to `code` goes. */
export const mfaCodeValueBody = z.strictObject({ code: accessCodeSchema });

const summaryShape = {
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  externalId: z.string().nullable(),
  memberUserId: z.string().nullable(),
  status: z.enum(ACCESS_USER_STATUSES),
  codesSuspendedAt: timestamp.nullable().describe("Set when the linked member left the project or had their 2FA reset: the codes open nothing"),
  cardCount: z.number().int(),
  mfaCodeCount: z.number().int(),
  hasEntryCode: z.boolean(),
  createdAt: timestamp,
};
export const accessUserSummary = z.object(summaryShape);
export const accessUserList = z.object({ users: z.array(accessUserSummary), nextCursor: z.string().nullable() });

export const card = z.object({ id: z.uuid(), facilityCode: z.number().int(), cardNumber: z.number().int(), createdAt: timestamp });
export const cardList = z.object({ cards: z.array(card) });
export const accessCode = z.object({ id: z.uuid(), kind: z.enum(["entry", "mfa"]), length: z.number().int(), createdAt: timestamp }).describe("A keypad code, never its digits");

export const accessUserDetail = z.object({
  ...summaryShape,
  codesSuspendedReason: z.string().nullable(),
  updatedAt: timestamp,
  member: z.object({ userId: z.string(), name: z.string().nullable(), email: z.string().nullable(), inProject: z.boolean() }).nullable(),
  cards: z.array(card),
  codes: z.array(accessCode),
});

export const addedMfaCode = z.object({ id: z.uuid(), length: z.number().int(), code: z.string().optional().describe("Only for a generated code, and only in this answer") });
export const removedMfaCodes = z.object({ removed: z.number().int().describe("How many of the user's MFA codes equalled the code") });

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const summaryJson = (user: AccessUserSummary): z.output<typeof accessUserSummary> => ({
  id: user.id,
  name: user.name,
  email: user.email,
  externalId: user.externalId,
  memberUserId: user.memberUserId,
  status: user.status,
  codesSuspendedAt: iso(user.codesSuspendedAt),
  cardCount: user.cardCount,
  mfaCodeCount: user.mfaCodeCount,
  hasEntryCode: user.hasEntryCode,
  createdAt: user.createdAt.toISOString(),
});

export const cardJson = (value: AccessCardSummary): z.output<typeof card> => ({ id: value.id, facilityCode: value.facilityCode, cardNumber: value.cardNumber, createdAt: value.createdAt.toISOString() });

export const detailJson = (user: AccessUserDetail): z.output<typeof accessUserDetail> => ({
  ...summaryJson(user),
  codesSuspendedReason: user.codesSuspendedReason,
  updatedAt: user.updatedAt.toISOString(),
  member: user.member ? { userId: user.member.userId, name: user.member.name, email: user.member.email, inProject: user.member.inProject } : null,
  cards: user.cards.map(cardJson),
  codes: user.codes.map((code) => ({ id: code.id, kind: code.kind, length: code.length, createdAt: code.createdAt.toISOString() })),
});
