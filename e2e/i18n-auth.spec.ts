import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { enableTotp, expectNoRawKeys, formAlert, latestEmailLink, newPerson, signOut, signUp } from "./fixtures";

/** The public pages in the browser's language (Accept-Language from the context's locale). */
const languages = [
  {
    locale: "ja" as const,
    browser: "ja-JP",
    signUp: { heading: "アカウントを作成", name: "名前", email: "メールアドレス", password: "パスワード", submit: "アカウントを作成" },
    checkInbox: "受信トレイを確認してください",
    verify: { heading: "メールアドレスの確認", submit: "メールアドレスを確認", done: "メールアドレスを確認しました" },
    signIn: { heading: "Tesseraにログイン", submit: "ログイン" },
    challenge: { heading: "二要素認証", code: "認証コード", submit: "確認" },
    language: "言語",
    languageSubmit: "言語を変更",
    other: { name: "Deutsch", locale: "de", heading: "Zwei-Faktor-Authentifizierung" },
  },
  {
    locale: "de" as const,
    browser: "de-DE",
    signUp: { heading: "Erstellen Sie Ihr Konto", name: "Name", email: "E-Mail-Adresse", password: "Passwort", submit: "Konto erstellen" },
    checkInbox: "Prüfen Sie Ihren Posteingang",
    verify: { heading: "Bestätigen Sie Ihre E-Mail-Adresse", submit: "E-Mail-Adresse bestätigen", done: "E-Mail-Adresse bestätigt" },
    signIn: { heading: "Bei Tessera anmelden", submit: "Anmelden" },
    challenge: { heading: "Zwei-Faktor-Authentifizierung", code: "Authentifizierungscode", submit: "Bestätigen" },
    language: "Sprache",
    languageSubmit: "Sprache ändern",
    other: { name: "English", locale: "en", heading: "Two-factor authentication" },
  },
];

/** An error's words in a language, as messages/<locale>/errors.json has them. */
function errorText(locale: string, code: string): string {
  return JSON.parse(fs.readFileSync(`messages/${locale}/errors.json`, "utf8"))[code];
}

async function pageIn(browser: Browser, locale: string): Promise<Page> {
  return (await browser.newContext({ locale })).newPage();
}

for (const l of languages) {
  test(`${l.locale}: sign-up, the verification link and sign-in speak the browser's language`, async ({ browser }) => {
    const page = await pageIn(browser, l.browser);
    const person = newPerson(`i18n-${l.locale}`);

    await page.goto("/sign-up");
    await expect(page.locator("html")).toHaveAttribute("lang", l.locale);
    await expect(page.getByRole("heading", { level: 1, name: l.signUp.heading })).toBeVisible();
    await expectNoRawKeys(page);
    await page.getByLabel(l.signUp.name, { exact: true }).fill(person.name);
    await page.getByLabel(l.signUp.email, { exact: true }).fill(person.email);
    await page.getByLabel(l.signUp.password, { exact: true }).fill(person.password);
    await page.getByRole("button", { name: l.signUp.submit }).click();
    await expect(page.getByRole("heading", { level: 1, name: l.checkInbox })).toBeVisible();
    await expectNoRawKeys(page);

    await page.goto(await latestEmailLink(page, person.email, /\/verify-email\?token=[\w-]+/));
    await expect(page.locator("html")).toHaveAttribute("lang", l.locale);
    await expect(page.getByRole("heading", { level: 1, name: l.verify.heading })).toBeVisible();
    await page.getByRole("button", { name: l.verify.submit }).click();
    await expect(page.getByRole("heading", { level: 1, name: l.verify.done })).toBeVisible();

    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { level: 1, name: l.signIn.heading })).toBeVisible();
    await page.getByLabel(l.signUp.email, { exact: true }).fill(person.email);
    await page.getByLabel(l.signUp.password, { exact: true }).fill(person.password);
    await page.getByRole("button", { name: l.signIn.submit }).click();
    await expect(page).toHaveURL(/\/security/);
    await expectNoRawKeys(page);
    await page.goto("/account");
    await expectNoRawKeys(page);
  });

  test(`${l.locale}: the two-factor challenge, its error and the language switcher`, async ({ browser, page }) => {
    test.setTimeout(120_000);
    // Account and authenticator set up in English, then sign-in from a browser in the other language.
    const person = newPerson(`i18n-totp-${l.locale}`);
    await signUp(page, person);
    const secret = await enableTotp(page, (key) => generateTotp(key, new Date()));
    await signOut(page);

    const other = await pageIn(browser, l.browser);
    await other.goto("/sign-in");
    await other.getByLabel(l.signUp.email, { exact: true }).fill(person.email);
    await other.getByLabel(l.signUp.password, { exact: true }).fill(person.password);
    await other.getByRole("button", { name: l.signIn.submit }).click();
    await expect(other).toHaveURL(/\/sign-in\/verify/);
    await expect(other.locator("html")).toHaveAttribute("lang", l.locale);
    await expect(other.getByRole("heading", { level: 1, name: l.challenge.heading })).toBeVisible();

    const wrong = generateTotp(secret, new Date()) === "000000" ? "111111" : "000000";
    await other.getByLabel(l.challenge.code).fill(wrong);
    await other.getByRole("button", { name: l.challenge.submit }).click();
    await expect(formAlert(other)).toContainText(errorText(l.locale, "invalid_code"));
    await expectNoRawKeys(other);

    // The switcher under the card changes the page's language, and it stays changed.
    await other.getByLabel(l.language).selectOption({ label: l.other.name });
    await other.getByRole("button", { name: l.languageSubmit }).click();
    await expect(other.getByRole("heading", { level: 1, name: l.other.heading })).toBeVisible();
    await expect(other.locator("html")).toHaveAttribute("lang", l.other.locale);
    await other.reload();
    await expect(other.getByRole("heading", { level: 1, name: l.other.heading })).toBeVisible();
  });
}

test("without JavaScript the language switcher's button posts the choice", async ({ browser }) => {
  const page = await (await browser.newContext({ locale: "en-US", javaScriptEnabled: false })).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Language").selectOption({ label: "日本語" });
  await page.getByRole("button", { name: "Change language" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tesseraにログイン" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
});

test("the language switcher works from the keyboard", async ({ browser }) => {
  const page = await (await browser.newContext({ locale: "de-DE" })).newPage();
  await page.goto("/sign-in");
  const select = page.getByLabel("Sprache");
  await select.focus();
  await expect(select).toBeFocused();
  // Moving through the list changes nothing by itself (WCAG 3.2.2)…
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("heading", { level: 1, name: "Bei Tessera anmelden" })).toBeVisible();
  // …the button does, and keeps the focus. "Browser language" is first, then English, 日本語.
  await expect(select).toHaveValue("ja");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Tesseraにログイン" })).toBeVisible();
  await expect(page.getByRole("button", { name: "言語を変更" })).toBeFocused();

  // "Browser language" forgets the choice: the German browser gets German again.
  await page.getByLabel("言語").selectOption("auto");
  await page.getByRole("button", { name: "言語を変更" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bei Tessera anmelden" })).toBeVisible();
});
