// Screenshots of the assisted 2FA reset (the Resets tab, the code reveal, the temporary-code
// sign-in, the banner, the required new password) in English, Japanese and German at desktop
// and phone width: start the app in development, then
// `npx tsx scripts/screenshots-resets.ts <folder> [base URL]`.
import { chromium, type Page } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { LOCALE_COOKIE } from "../lib/i18n/locales";
import { becomeStaff, enableTotpWithRecoveryCodes, newPerson, signUp as signUpOnce } from "../e2e/fixtures";

const out = process.argv[2] ?? "/tmp/shots-resets";
const base = process.argv[3] ?? "http://localhost:3000";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
const totp = (secret: string) => generateTotp(secret, new Date());

/** The fixtures wait 5 s outside the test runner; a busy machine may need a second try. */
async function signUp(page: Page, person: ReturnType<typeof newPerson>) {
  try {
    await signUpOnce(page, person);
  } catch {
    await page.goto("/sign-in");
    await page.fill("input[name=email]", person.email);
    await page.fill("input[name=password]", person.password);
    await page.locator("main form button[type=submit]").first().click();
    await page.waitForURL(/\/security/, { timeout: 30_000 }).catch(async () => {
      await signUpOnce(page, { ...person, email: person.email });
    });
  }
}

async function shoot(page: Page, name: string) {
  for (const [label, width] of [["desktop", 1280], ["phone", 390]] as const) {
    await page.setViewportSize({ width, height: label === "phone" ? 844 : 900 });
    await page.waitForTimeout(250);
    await page.screenshot({ path: `${out}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function admin(locale: string) {
  const page = await (await browser.newContext({ baseURL: base, locale })).newPage();
  await page.context().setExtraHTTPHeaders({ "accept-language": "en" });
  await signUp(page, newPerson("admin"));
  await page.context().setExtraHTTPHeaders({});
  await enableTotpWithRecoveryCodes(page, totp);
  await becomeStaff(page, "support_admin");
  return page;
}

// The person, in Japanese (signed up through the English forms the fixtures read).
const person = newPerson("shot");
const personPage = await (await browser.newContext({ baseURL: base, locale: "en-GB" })).newPage();
await signUp(personPage, person);
await enableTotpWithRecoveryCodes(personPage, totp);

const en = await admin("en-GB");
await en.goto(`/support/resets?email=${encodeURIComponent(person.email)}`);
await shoot(en, "en-resets-person");
const section = en.getByRole("region", { name: "Reset two-factor authentication", exact: true });
await section.getByLabel("Reason").fill("Identity checked by video call against the passport on file");
await section.getByRole("button", { name: "Reset two-factor authentication" }).click();
const code = (await en.getByTestId("temporary-access-code").innerText()).trim();
await shoot(en, "en-resets-code");
await en.goto("/support/resets");
await shoot(en, "en-resets-list");

const ja = await (await browser.newContext({ baseURL: base, locale: "ja-JP" })).newPage();
await ja.goto("/sign-in");
await ja.fill("input[name=email]", person.email);
await ja.fill("input[name=password]", person.password);
await ja.locator("main form button[type=submit]").first().click();
await ja.waitForURL(/\/sign-in\/verify/);
await shoot(ja, "ja-temporary-code");
await ja.fill("input[name=code]", code);
await ja.locator("main form button[type=submit]").first().click();
await ja.waitForURL(/\/security/);
await shoot(ja, "ja-security-banner");

const second = newPerson("shot2");
await signUp(await (await browser.newContext({ baseURL: base, locale: "en-GB" })).newPage(), second);
const de = await admin("en-GB");
await de.context().addCookies([{ name: LOCALE_COOKIE, value: "de", url: base }]);
await de.goto(`/support/resets?email=${encodeURIComponent(second.email)}`);
await shoot(de, "de-resets-person");
const password = de.getByRole("region", { name: "Passwortänderung verlangen", exact: true });
await password.locator("textarea[name=reason]").fill("Passwort in einer öffentlichen Liste gefunden");
await password.locator("button[type=submit]").click();
await de.waitForTimeout(1500);
await shoot(de, "de-password-required");

const ja2 = await (await browser.newContext({ baseURL: base, locale: "ja-JP" })).newPage();
await ja2.goto("/sign-in");
await ja2.fill("input[name=email]", second.email);
await ja2.fill("input[name=password]", second.password);
await ja2.locator("main form button[type=submit]").first().click();
await ja2.waitForURL(/\/sign-in\/new-password/);
await shoot(ja2, "ja-new-password");
await browser.close();
