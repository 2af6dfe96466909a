import { afterEach, describe, expect, it, vi } from "vitest";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { splitLinks } from "./link-text";
import { renderEmail } from "./render-email";
import { emailTemplates, type EmailMessage, type EmailTemplateName, type EmailTemplateProps } from "./templates";

const APP_URL = "https://tessera.test";
const at = new Date("2030-01-02T03:04:05Z");

/** One set of props per template; a new template fails typecheck here until it has one. */
const samples: { [Name in EmailTemplateName]: EmailTemplateProps[Name] } = {
  "verify-email": { name: "Ada", link: `${APP_URL}/verify-email?token=t` },
  "two-factor-enabled": { name: "Ada" },
  "two-factor-disabled": {},
  "recovery-code-used": { name: "Ada", remaining: 2 },
  "two-factor-locked": { until: at },
  "login-code": { name: "Ada", code: "482913" },
  "password-changed": { name: "Ada" },
  "email-changed": { name: "Ada", newEmail: "ada@new.example" },
  "sign-in-blocked": { name: "Ada", until: at },
  "password-reset-required": { name: "Ada", failures: 100 },
  "two-factor-suspended": { name: "Ada", failures: 100 },
  "two-factor-failed": { name: "Ada", at, ip: "203.0.113.7" },
  "new-sign-in": { name: "Ada", at, userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", ip: "203.0.113.7" },
  "password-reset": { name: "Ada", link: `${APP_URL}/reset-password?token=t` },
  "sign-up-attempted": { name: "Ada" },
  "confirm-email-change": { name: "Ada", link: `${APP_URL}/confirm-email-change?token=t` },
  "email-change-requested": { name: "Ada", newEmail: "ada@new.example" },
  "recovery-codes-regenerated": {},
  "authenticator-reenrolled": { name: "Ada" },
  "email-login-disabled": { name: "Ada" },
  "recovery-reminder": {
    name: "Ada",
    findings: [
      { code: "no_recovery_codes", step: "regenerate_recovery_codes", count: 0 },
      { code: "one_device", step: "add_fallback_number" },
      { code: "phone_only", step: "add_authenticator_app" },
    ],
  },
  "factor-added": { name: "Ada", method: "webauthn", label: "YubiKey 5C" },
  "factor-removed": { name: "Ada", method: "sms", label: "•••• 34" },
  "computer-trusted": { name: "Ada", at, until: new Date(at.getTime() + 30 * 86_400_000), userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", ip: "203.0.113.7" },
  "project-reminder": { name: "Ada", projectId: "00000000-0000-4000-8000-000000000001", projectName: "Apollo", requiredLevel: "every_login", secureMethodsOnly: true, deadline: at },
  "project-invitation": {
    projectName: "Payments",
    inviterName: "Grace",
    role: "admin",
    requiredLevel: "every_login",
    secureMethodsOnly: true,
    link: `${APP_URL}/invitations/t`,
  },
  "project-membership-changed": { name: "Ada", projectName: "Payments", actorName: "Grace", change: "owner", link: `${APP_URL}/projects/p` },
  "project-policy-required": { name: "Ada", projectId: "7d0c6a52-4a8e-4f5e-9d43-1f1b2c3d4e5f", projectName: "Payments", level: "every_login", secureMethodsOnly: true, status: "grace", until: at },
  "project-grace-last-day": { name: "Ada", projectId: "7d0c6a52-4a8e-4f5e-9d43-1f1b2c3d4e5f", projectName: "Payments", level: "once_per_computer", secureMethodsOnly: false, deadline: at },
  "two-factor-reset-by-support": { name: "Ada" },
  "password-change-required": { name: "Ada" },
  "recovery-request-filed": { name: "Ada", filedAt: at, contactEmail: "ada@other.example" },
  "support-case-decided": { name: "Ada", kind: "recovery_request", decision: "refused", note: "We could not confirm it is you." },
};

const names = Object.keys(emailTemplates) as EmailTemplateName[];
const cases = LOCALES.flatMap((locale) => names.map((template) => [template, locale] as const));
const message = (template: EmailTemplateName, locale: (typeof LOCALES)[number]) =>
  ({ template, to: "ada@example.com", props: samples[template], locale }) as EmailMessage;

// Kana or kanji: a Japanese email must be written in Japanese, not fall back to English.
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

afterEach(() => vi.restoreAllMocks());

describe("every email in every language", () => {
  it("has a sample for each template", () => {
    expect(Object.keys(samples).sort()).toEqual([...names].sort());
  });

  it.each(cases)("%s in %s: no message key, placeholder or tag is left, and nothing is missing", async (template, locale) => {
    // next-intl reports a missing key or a bad argument through console.error and renders the key instead.
    const reported = vi.spyOn(console, "error").mockImplementation(() => {});
    const email = await renderEmail(message(template, locale), APP_URL);

    expect(reported).not.toHaveBeenCalled();
    for (const part of [email.subject, email.text, email.html]) {
      expect(part).not.toMatch(/\bemail\.[a-z]+[A-Za-z]*\.[a-z]/);
      expect(part).not.toMatch(/\{[a-zA-Z]+[^}]*\}/);
      expect(part).not.toMatch(/<\/?(link|to)>/);
    }
    expect(email.subject.trim()).not.toBe("");
    expect(email.html).toContain(`lang="${locale}"`);
    expect(email.text).toContain(APP_URL);
    // In the plain text an address must end where it ends: "…/securityで" would link the Japanese too.
    for (const part of splitLinks(email.text)) {
      if (part.href) expect(part.href).toMatch(/^https:\/\/tessera\.test(\/[\x21-\x7e]*)?$/);
    }
  });

  it.each(names)("%s in ja is Japanese, in de German: subject and body differ from English", async (template) => {
    const [en, ja, de] = await Promise.all([
      renderEmail(message(template, "en"), APP_URL),
      renderEmail(message(template, "ja"), APP_URL),
      renderEmail(message(template, "de"), APP_URL),
    ]);

    expect(ja.subject).toMatch(JAPANESE);
    expect(ja.text).toMatch(JAPANESE);
    expect(ja.text).not.toContain("If this wasn");
    for (const other of [ja, de]) {
      expect(other.subject).not.toBe(en.subject);
      expect(other.text).not.toBe(en.text);
    }
    expect(de.text).toMatch(/\b(Sie|Ihr|Ihre|Ihren|Ihrem)\b/);
  });

  it("writes dates for the language, in UTC with the zone named", async () => {
    const text = async (locale: (typeof LOCALES)[number]) => (await renderEmail(message("two-factor-locked", locale), APP_URL)).text;

    expect(await text("en")).toContain("2 January 2030 at 03:04 UTC");
    expect(await text("ja")).toContain("2030年1月2日 03:04 UTC");
    expect(await text("de")).toContain("2. Januar 2030 um 03:04 UTC");
  });

  it("uses each language's security words", async () => {
    const body = async (template: EmailTemplateName, locale: "ja" | "de") => {
      const email = await renderEmail(message(template, locale), APP_URL);
      return `${email.subject}\n${email.text}`;
    };

    expect(await body("two-factor-enabled", "ja")).toMatch(/二要素認証[\s\S]*リカバリーコード/);
    expect(await body("authenticator-reenrolled", "ja")).toContain("認証アプリ");
    expect(await body("login-code", "ja")).toMatch(/確認コード[\s\S]*ログイン/);
    expect(await body("two-factor-enabled", "de")).toMatch(/Zwei-Faktor-Authentifizierung[\s\S]*Wiederherstellungscodes/);
    expect(await body("authenticator-reenrolled", "de")).toContain("Authentifizierungs-App");
    expect(await body("login-code", "de")).toMatch(/Bestätigungscode[\s\S]*Anmeldung/);
  });

  it("names the browser in the recipient's words, and says what a recovery code was used for", async () => {
    const firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    const signIn = (locale: Locale) => renderEmail({ template: "new-sign-in", to: "ada@example.com", props: { at, userAgent: firefox }, locale }, APP_URL);
    expect((await signIn("ja")).text).toContain("Firefox（Linux）");
    expect((await signIn("de")).text).toContain("Firefox unter Linux");
    expect((await signIn("en")).text).toContain("Firefox on Linux");
    const used = (locale: Locale) => renderEmail({ template: "recovery-code-used", to: "ada@example.com", props: { remaining: 9, purpose: "sudo" }, locale }, APP_URL);
    expect((await used("en")).text).toContain("to confirm it was you");
    expect((await used("en")).text).not.toContain("to sign in");
    expect((await used("de")).text).toContain("Identität");
    expect((await used("ja")).text).toContain("本人確認");
  });

  it("keeps Latin words as written in Japanese plain text (no capitals for headings)", async () => {
    const email = await renderEmail({ template: "sign-up-attempted", to: "ada@example.com", props: { name: "Ada" }, locale: "ja" }, APP_URL);
    expect(email.text).not.toContain("TESSERA");
    expect(email.text).toContain("Tessera");
  });

  it("leaves out a missing name and IP in every language", async () => {
    for (const locale of LOCALES) {
      const email = await renderEmail({ template: "new-sign-in", to: "ada@example.com", props: { at, userAgent: null }, locale }, APP_URL);
      expect(email.text).not.toMatch(/undefined|null/);
    }
  });
});
