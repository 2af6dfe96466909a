import { describe, expect, it } from "vitest";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { renderEmail } from "../render-email";
import type { FactorMethodType } from "./factor-change";

const APP_URL = "https://tessera.test";
const METHODS: FactorMethodType[] = ["totp", "sms", "voice", "webauthn"];

/** How each language names each method, as the person reads it in the subject and the body. */
const WORDS: Record<Locale, Record<FactorMethodType, RegExp>> = {
  en: { totp: /authenticator app/i, sms: /text message/i, voice: /voice call/i, webauthn: /security key/i },
  ja: { totp: /認証アプリ/, sms: /SMS/, voice: /音声通話/, webauthn: /セキュリティキー/ },
  de: { totp: /Authentifizierungs-App/, sms: /SMS/, voice: /Sprachanruf/, webauthn: /Sicherheitsschlüssel/ },
};

const render = (template: "factor-added" | "factor-removed", method: FactorMethodType, locale: Locale, label?: string) =>
  renderEmail({ template, to: "ada@example.test", locale, props: { name: "Ada", method, label } }, APP_URL);

describe("factor-added and factor-removed", () => {
  it.each(LOCALES.flatMap((locale) => METHODS.map((method) => [locale, method] as const)))("in %s name the method %s in the subject and the body", async (locale, method) => {
    for (const template of ["factor-added", "factor-removed"] as const) {
      const email = await render(template, method, locale);
      expect(email.subject).toMatch(WORDS[locale][method]);
      expect(email.text).toMatch(WORDS[locale][method]);
    }
  });

  it("say which one: a key's name, or a number only as it was masked", async () => {
    const key = await render("factor-added", "webauthn", "en", "YubiKey 5C");
    expect(key.text).toContain("Name: YubiKey 5C");
    const phone = await render("factor-removed", "voice", "de", "•••• 34");
    expect(phone.text).toContain("Nummer: •••• 34");
    expect((await render("factor-added", "totp", "ja")).text).not.toContain("名前：");
  });

  it("added and removed read differently, in every language", async () => {
    for (const locale of LOCALES) {
      const [added, removed] = await Promise.all([render("factor-added", "sms", locale), render("factor-removed", "sms", locale)]);
      expect(added.subject).not.toBe(removed.subject);
      expect(added.text).not.toBe(removed.text);
    }
  });

  it("carry the \"This wasn't me\" link when notifyUser gives one, in place of the general advice", async () => {
    const notMeLink = `${APP_URL}/not-me?token=${"a".repeat(43)}`;
    for (const [locale, button] of [["en", "This wasn't me"], ["ja", "身に覚えがありません"], ["de", "Das war ich nicht"]] as const) {
      const email = await renderEmail({ template: "factor-added", to: "ada@example.test", locale, notMeLink, props: { method: "totp" } }, APP_URL);
      expect(email.text).toContain(button);
      expect(email.text).toContain(notMeLink);
      expect(email.html).toContain(`href="${notMeLink}"`);
      expect(email.text).toContain(`${APP_URL}/forgot-password`);
    }
    const without = await render("factor-added", "totp", "en");
    expect(without.text).not.toContain("/not-me");
    expect(without.text).toContain("Sign in now, change your password");
  });
});
