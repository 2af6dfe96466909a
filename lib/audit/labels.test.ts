import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesByLocale } from "@/lib/i18n/messages";
import { auditLabel } from "./labels";

const audit = (locale: "en" | "ja" | "de") => createTranslator({ locale, messages: messagesByLocale[locale], namespace: "audit" });

describe("auditLabel", () => {
  it("words an event type in the viewer's language", () => {
    expect(auditLabel(audit("en"), "two_factor.enabled", "success")).toBe("Two-factor authentication enabled");
    expect(auditLabel(audit("ja"), "two_factor.enabled", "success")).toBe("二要素認証を有効にしました");
    expect(auditLabel(audit("de"), "two_factor.enabled", "success")).toBe("Zwei-Faktor-Authentifizierung aktiviert");
  });

  it("tells a failed sign-in from a successful one", () => {
    expect(auditLabel(audit("en"), "auth.sign_in", "failure")).toBe("Failed sign-in");
    expect(auditLabel(audit("de"), "auth.sign_in", "success")).toBe("Angemeldet");
  });

  it("shows a type without words as itself, never a group of labels or a missing-message error", () => {
    expect(auditLabel(audit("ja"), "door.opened", "success")).toBe("door.opened");
    expect(auditLabel(audit("en"), "two_factor", "success")).toBe("two_factor");
    expect(auditLabel(audit("en"), "two_factor.enabled.extra", "success")).toBe("two_factor.enabled.extra");
  });
});

/** Every key of the dashboard's namespaces, with the ICU arguments each message uses. */
function shape(value: unknown, prefix = ""): string[] {
  if (typeof value === "string") return [`${prefix} ${[...value.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort().join(",")}`];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => shape(child, prefix ? `${prefix}.${key}` : key));
}

describe("the dashboard's messages", () => {
  for (const namespace of ["security", "account", "support", "shell", "audit"] as const) {
    it(`${namespace}: ja and de have the English keys and placeholders`, () => {
      const english = shape(messagesByLocale.en[namespace]);
      expect(shape(messagesByLocale.ja[namespace])).toEqual(english);
      expect(shape(messagesByLocale.de[namespace])).toEqual(english);
    });
  }
});
