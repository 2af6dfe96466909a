import { z } from "zod";
import { isPlainText } from "@/lib/validation/plain-text";

/**
 * The **Create API key** form's fields, without server-only code (the form reads them too):
 * **Key name** 1-64 characters, the scopes as two checkboxes (at least one), and an expiry of
 * 7, 30, 90 or 365 days or none.
 */
export const API_KEY_NAME_MAX = 64;
export const API_KEY_EXPIRY_DAYS = ["7", "30", "90", "365"] as const;
export const API_KEY_EXPIRY_OPTIONS = ["none", ...API_KEY_EXPIRY_DAYS] as const;
export type ApiKeyExpiry = (typeof API_KEY_EXPIRY_OPTIONS)[number];
export const API_SCOPES = ["read", "write"] as const;
export type ApiKeyScope = (typeof API_SCOPES)[number];

const checkbox = z.literal("on").optional();

export const createApiKeyInput = z
  .object({
    projectId: z.string(),
    name: z.string().trim().min(1, "validation.apiKeyName").max(API_KEY_NAME_MAX, "validation.apiKeyName").refine(isPlainText, "validation.keyNameInvalid"),
    scopeRead: checkbox,
    scopeWrite: checkbox,
    expiry: z.enum(API_KEY_EXPIRY_OPTIONS, "validation.apiKeyExpiry").default("90"),
  })
  .refine((input) => input.scopeRead || input.scopeWrite, { path: ["scopes"], message: "validation.apiKeyScopes" })
  .transform(({ projectId, name, scopeRead, scopeWrite, expiry }) => ({
    projectId,
    name,
    scopes: [...(scopeRead ? (["read"] as const) : []), ...(scopeWrite ? (["write"] as const) : [])] as ApiKeyScope[],
    expiresInDays: expiry === "none" ? null : Number(expiry),
  }));

export const revokeApiKeyInput = z.object({ projectId: z.string(), keyId: z.string().uuid("validation.invalid") });
