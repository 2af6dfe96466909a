import { createTranslator } from "next-intl";
import type { z } from "zod";
import type { Locale } from "@/lib/i18n/locales";
import { messagesByLocale } from "@/lib/i18n/messages";
import { POLICY_VALUES } from "@/lib/policy/limits";

/**
 * A zod error as RFC 9457 `errors` members: where (`body.schedule.0.start`) and why, in the
 * caller's language. Our schemas name message keys ("access.errors.codeLength"); an issue zod
 * worded itself is described by its kind (messages/<locale>/api.json, `validation`).
 */
export type FieldError = { path: string; message: string };

const KINDS = new Set(["invalid_type", "too_small", "too_big", "invalid_format", "invalid_value", "unrecognized_keys", "invalid_union", "not_multiple_of"]);

export function fieldErrors(error: z.ZodError, where: "params" | "query" | "body", locale: Locale): FieldError[] {
  const t = createTranslator({ locale, messages: messagesByLocale[locale], onError: () => {}, getMessageFallback: () => "" });
  const say = (key: string, values?: Record<string, string | number>) => {
    try {
      return t(key as Parameters<typeof t>[0], { ...POLICY_VALUES, ...values });
    } catch {
      return "";
    }
  };
  return error.issues.slice(0, 50).map((issue) => {
    const path = [where, ...issue.path.map((part) => String(part))].join(".");
    const own = /^[a-zA-Z]+(\.[a-zA-Z0-9_]+)+$/.test(issue.message) ? say(issue.message, { min: 4, max: 16 }) : "";
    const missing = issue.code === "invalid_type" && /received undefined/.test(issue.message);
    const kind = missing ? "required" : KINDS.has(issue.code) ? issue.code : "invalid";
    return { path, message: own || say(`api.validation.${kind}`) || say("api.validation.invalid") };
  });
}
