import { expect, test, type Browser } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { expectNoRawKeys, newPerson, signUp } from "./fixtures";

/** The signed-in dashboard in the browser's language (Accept-Language from the context's locale). */
const languages = [
  {
    locale: "ja",
    browser: "ja-JP",
    security: "セキュリティ",
    twoFactorCard: "二要素認証",
    notEnabled: "無効",
    enabled: "有効",
    enable: "二要素認証を有効にする",
    continue: "続行",
    code: "認証コード",
    verify: "確認",
    wrongCode: "コードが正しくありません",
    saved: "リカバリーコードを保存しました",
    done: "完了",
    enabledNow: "二要素認証を有効にしました。",
    left: "残り16個（全16個）",
    recoveryCard: "リカバリーコード",
    log: "最近のセキュリティイベント",
    logEnabled: "二要素認証を有効にしました",
    sessions: "有効なセッション",
    thisBrowser: "このブラウザー",
  },
  {
    locale: "de",
    browser: "de-DE",
    security: "Sicherheit",
    twoFactorCard: "Zwei-Faktor-Authentifizierung",
    notEnabled: "Nicht aktiviert",
    enabled: "Aktiviert",
    enable: "Zwei-Faktor-Authentifizierung aktivieren",
    continue: "Weiter",
    code: "Authentifizierungscode",
    verify: "Bestätigen",
    wrongCode: "Dieser Code ist ungültig",
    saved: "Ich habe meine Wiederherstellungscodes gespeichert",
    done: "Fertig",
    enabledNow: "Die Zwei-Faktor-Authentifizierung ist aktiviert.",
    left: "Noch 16 von 16 Codes übrig.",
    recoveryCard: "Wiederherstellungscodes",
    log: "Aktuelle Sicherheitsereignisse",
    logEnabled: "Zwei-Faktor-Authentifizierung aktiviert",
    sessions: "Aktive Sitzungen",
    thisBrowser: "Dieser Browser",
  },
];

/**
 * A signed-in page whose browser asks for `locale`. The sign-up fixture speaks English, so the
 * public switcher's cookie holds English while it runs; without it the browser's language decides.
 */
async function signedUpIn(browser: Browser, locale: string, label: string) {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const host = new URL(test.info().project.use.baseURL!).hostname;
  await context.addCookies([{ name: "tessera-locale", value: "en", domain: host, path: "/" }]);
  await signUp(page, newPerson(label));
  await context.clearCookies({ name: "tessera-locale" });
  return page;
}

for (const l of languages) {
  test(`${l.locale}: enabling two-factor authentication speaks the browser's language`, async ({ browser }) => {
    test.setTimeout(120_000);
    const page = await signedUpIn(browser, l.browser, `dash-${l.locale}`);

    await page.goto("/security");
    await expect(page.locator("html")).toHaveAttribute("lang", l.locale);
    await expect(page.getByRole("heading", { level: 1, name: l.security })).toBeVisible();
    // In the two-factor card: "無効" is also the level control's Disabled.
    const card = page.getByRole("region", { name: l.twoFactorCard, exact: true });
    await expect(card.getByText(l.notEnabled, { exact: true })).toBeVisible();
    await expectNoRawKeys(page);
    await expect(page.getByRole("list", { name: l.sessions }).getByText(l.thisBrowser)).toBeVisible();

    await page.getByRole("button", { name: l.enable }).click();
    await expect(page.locator("#two-factor").getByRole("radio", { checked: true })).toHaveValue("totp");
    await page.getByRole("button", { name: l.continue }).click();
    const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const code = page.getByLabel(l.code);
    await code.fill(generateTotp(secret, new Date()) === "000000" ? "111111" : "000000");
    await page.getByRole("button", { name: l.verify, exact: true }).click();
    await expect(page.locator("main [role=alert]")).toContainText(l.wrongCode);
    await code.fill(generateTotp(secret, new Date()));
    await page.getByRole("button", { name: l.verify, exact: true }).click();

    await expect(page.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(16);
    await page.getByLabel(l.saved).check();
    await page.getByRole("button", { name: l.done, exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: l.enabledNow })).toBeFocused();
    await expect(card.getByText(l.enabled, { exact: true })).toBeVisible();
    await expect(page.getByRole("region", { name: l.recoveryCard })).toContainText(l.left);
    await expect(page.getByRole("list", { name: l.log }).getByText(l.logEnabled).first()).toBeVisible();
    await expectNoRawKeys(page);
  });
}

test("the Account page's Language choice: an English browser chooses 日本語, then the browser's language again", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await (await browser.newContext({ locale: "en-US" })).newPage();
  await signUp(page, newPerson("dash-language"));

  await page.goto("/account");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const language = page.getByRole("combobox", { name: "Language" });
  await expect(language).toHaveValue("auto");
  await language.selectOption("ja");
  await page.getByRole("button", { name: "Save language" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("heading", { level: 1, name: "アカウント" })).toBeVisible();
  await expect(page.getByText("言語を保存しました。")).toBeVisible();

  await page.goto("/security");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("heading", { level: 1, name: "セキュリティ" })).toBeVisible();
  await expect(page.getByRole("link", { name: "アカウント" })).toBeVisible();

  // Back with the keyboard only: the select, then its button.
  await page.goto("/account");
  const select = page.getByRole("combobox", { name: "言語" });
  await expect(select).toHaveValue("ja");
  await select.focus();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await expect(select).toHaveValue("auto");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "言語を保存" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  await page.goto("/security");
  await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();
});
