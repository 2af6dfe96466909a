import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createUser } from "@/test/factories";
import { notifyUser } from "./notify";
import { localeForAddress } from "./recipient-locale";
import { sendEmail } from "./send-email";

beforeEach(() => {
  vi.stubEnv("APP_ENV", "test");
  vi.stubEnv("RESEND_API_KEY", "");
  vi.stubEnv("SMTP_URL", "");
});

const latest = (to: string) => db.outboxMessage.findFirstOrThrow({ where: { to }, orderBy: { createdAt: "desc" } });

describe("the language of an email", () => {
  it("is the account's choice, else its browser's, else English", async () => {
    const chose = await createUser();
    await db.user.update({ where: { id: chose.id }, data: { locale: "ja", browserLocale: "de" } });
    const browser = await createUser();
    await db.user.update({ where: { id: browser.id }, data: { browserLocale: "de" } });
    const unknown = await createUser();

    expect(await localeForAddress(chose.email.toUpperCase())).toBe("ja");
    expect(await localeForAddress(browser.email)).toBe("de");
    expect(await localeForAddress(unknown.email)).toBe("en");
    expect(await localeForAddress("stranger@example.test")).toBe("en");
  });

  it("follows the account to the address it is moving to", async () => {
    const user = await createUser();
    await db.user.update({ where: { id: user.id }, data: { locale: "de" } });
    await db.verificationToken.create({
      data: { userId: user.id, purpose: "email-change", email: "moving@example.test", tokenHash: `hash-${user.id}`, expiresAt: new Date(Date.now() + 60_000) },
    });

    expect(await localeForAddress("moving@example.test")).toBe("de");
  });

  it("sendEmail without a locale writes in the recipient account's language", async () => {
    const user = await createUser();
    await db.user.update({ where: { id: user.id }, data: { locale: "ja" } });

    await sendEmail({ template: "login-code", to: user.email, props: { code: "482913" } });

    const row = await latest(user.email);
    expect(row.subject).toBe("Tesseraのログイン用確認コード");
    expect(row.text).toContain("482913");
  });

  it("a message's own locale wins", async () => {
    const user = await createUser();
    await db.user.update({ where: { id: user.id }, data: { locale: "ja" } });

    await sendEmail({ template: "login-code", to: user.email, props: { code: "482913" }, locale: "de" });

    expect((await latest(user.email)).subject).toBe("Ihr Bestätigungscode für die Anmeldung bei Tessera");
  });

  it("notifyUser writes in the person's language, also to an address that is no longer theirs", async () => {
    const user = await createUser();
    await db.user.update({ where: { id: user.id }, data: { browserLocale: "de" } });

    await notifyUser(user.id, { template: "two-factor-enabled" });
    await notifyUser(user.id, { template: "email-changed", props: { newEmail: user.email } }, "old@example.test");

    expect((await latest(user.email)).subject).toBe("Die Zwei-Faktor-Authentifizierung wurde für Ihr Tessera-Konto aktiviert");
    expect((await latest("old@example.test")).subject).toBe("Ihre Tessera-E-Mail-Adresse wurde geändert");
  });
});
