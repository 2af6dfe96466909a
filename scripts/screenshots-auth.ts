// Screenshots of the public (auth) pages in English, Japanese and German at desktop and phone
// width, to check wrapping and fonts: start the app, then
// `npx tsx scripts/screenshots-auth.ts <folder> [base URL]`.
import { chromium, type Page } from "@playwright/test";
import { generateTotp } from "@/lib/mfa/totp";

const out = process.argv[2] ?? "/tmp/shots-auth";
const base = process.argv[3] ?? "http://localhost:3000";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
const password = "a fine long password";

async function shoot(page: Page, name: string) {
  for (const [label, width] of [["desktop", 1280], ["phone", 390]] as const) {
    await page.setViewportSize({ width, height: label === "phone" ? 844 : 900 });
    await page.waitForTimeout(150);
    await page.screenshot({ path: `${out}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function emailLink(page: Page, to: string, path: RegExp) {
  const link = new RegExp(`https?://\\S+${path.source}`);
  const message = page.getByRole("article").filter({ hasText: to }).filter({ hasText: link }).first();
  for (let tries = 0; tries < 20 && !(await message.isVisible()); tries++) {
    await page.waitForTimeout(300);
    await page.goto(base + "/dev/outbox");
  }
  return (await message.innerText()).match(link)![0];
}

const submit = (page: Page) => page.locator("main form button[type=submit]").first().click();

// One person with an authenticator, set up in English, for the challenge and reset pages.
const en = await (await browser.newContext({ locale: "en-GB" })).newPage();
const totpEmail = `shot-totp-${Date.now()}@example.test`;
await en.goto(base + "/sign-up");
await en.fill("input[name=name]", "Robin Example"); await en.fill("input[name=email]", totpEmail); await en.fill("input[name=password]", password); await submit(en);
await en.waitForURL(/check-inbox/);
await en.goto(await emailLink(en, totpEmail, /\/verify-email\?token=[\w-]+/)); await submit(en); await en.waitForURL(/done/);
await en.goto(base + "/sign-in"); await en.fill("input[name=email]", totpEmail); await en.fill("input[name=password]", password); await submit(en); await en.waitForURL(/security/);
await en.getByRole("button", { name: "Enable two-factor authentication" }).click();
const secret = (await en.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
await en.getByLabel("Authentication code").fill(generateTotp(secret, new Date())); await en.getByRole("button", { name: "Verify" }).click();
await en.getByLabel("I have saved my recovery codes").check(); await en.getByRole("button", { name: "Done" }).click();
await en.getByText("Enabled", { exact: true }).waitFor();

for (const [locale, browserLocale] of [["en", "en-GB"], ["ja", "ja-JP"], ["de", "de-DE"]] as const) {
  const page = await (await browser.newContext({ locale: browserLocale })).newPage();
  const email = `shot-${locale}-${Date.now()}@example.test`;
  await page.goto(base + "/sign-in?signedOut=1"); await shoot(page, `${locale}-sign-in`);
  await submit(page); await page.locator("[aria-invalid=true]").first().waitFor(); await shoot(page, `${locale}-sign-in-errors`);
  await page.goto(base + "/sign-up"); await page.fill("input[name=password]", "short"); await submit(page);
  await page.locator("[aria-invalid=true]").first().waitFor(); await shoot(page, `${locale}-sign-up-errors`);
  await page.fill("input[name=name]", "Robin Example"); await page.fill("input[name=email]", email); await page.fill("input[name=password]", password); await submit(page);
  await page.waitForURL(/check-inbox/); await shoot(page, `${locale}-check-inbox`);
  await page.goto(await emailLink(page, email, /\/verify-email\?token=[\w-]+/)); await shoot(page, `${locale}-verify-email`);
  await submit(page); await page.waitForURL(/done/); await shoot(page, `${locale}-verified`);
  await page.goto(base + "/verify-email"); await shoot(page, `${locale}-verify-email-incomplete`);
  await page.goto(base + "/forgot-password"); await shoot(page, `${locale}-forgot-password`);
  await page.fill("input[name=email]", totpEmail); await submit(page); await page.waitForTimeout(800); await shoot(page, `${locale}-forgot-password-sent`);
  await page.goto(await emailLink(page, totpEmail, /\/reset-password\?token=[\w-]+/)); await shoot(page, `${locale}-reset-password`);
  await page.goto(base + "/reset-password?token=nope"); await shoot(page, `${locale}-reset-password-invalid`);
  await page.goto(base + "/confirm-email-change"); await shoot(page, `${locale}-confirm-email-change-incomplete`);
  await page.goto(base + "/no-such-page"); await shoot(page, `${locale}-not-found`);
  await page.goto(base + "/sign-in"); await page.fill("input[name=email]", totpEmail); await page.fill("input[name=password]", password); await submit(page);
  await page.waitForURL(/sign-in\/verify/); await shoot(page, `${locale}-challenge`);
  await page.fill("input[name=code]", generateTotp(secret, new Date()) === "000000" ? "111111" : "000000"); await submit(page);
  await page.locator("main [role=alert]").waitFor(); await shoot(page, `${locale}-challenge-error`);
  // What a browser without JavaScript is sent back to after a wrong code (the form route's 303).
  await page.goto(base + "/sign-in/verify?failed=invalid_code"); await shoot(page, `${locale}-challenge-failed-without-js`);
  await page.goto(base + "/sign-in/verify/recovery"); await shoot(page, `${locale}-challenge-recovery`);
  await page.context().close();
}
await browser.close();
console.log("done");
