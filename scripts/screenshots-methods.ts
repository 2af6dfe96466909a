// Screenshots of issue 9's pages (several methods, levels, trusted computers, Try another way,
// the sudo prompt's choices) in English, Japanese and German at desktop and phone width: start
// the app in development, then `npx tsx scripts/screenshots-methods.ts <folder> [base URL]`.
import { chromium, type Page } from "@playwright/test";
import { generateTotp } from "@/lib/mfa/totp";

const out = process.argv[2] ?? "/tmp/shots-methods";
const base = process.argv[3] ?? "http://localhost:3000";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
const password = "a fine long password";

async function shoot(page: Page, name: string) {
  for (const [label, width] of [["desktop", 1280], ["phone", 390]] as const) {
    await page.setViewportSize({ width, height: label === "phone" ? 844 : 900 });
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${out}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function fromOutbox(page: Page, to: string, pattern: RegExp) {
  const message = page.getByRole("article").filter({ hasText: to }).filter({ hasText: pattern }).first();
  for (let tries = 0; tries < 30 && !(await message.isVisible()); tries++) {
    await page.waitForTimeout(300);
    await page.goto(base + "/dev/outbox");
  }
  return (await message.innerText()).match(pattern)![0];
}

/** Each card of the page at phone width, one picture each (a whole phone page is too tall to read). */
async function shootCards(page: Page, name: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  const cards = page.locator("main section, main [role=region]");
  for (let index = 0; index < (await cards.count()); index++) {
    await cards.nth(index).screenshot({ path: `${out}/${name}-card-${String(index).padStart(2, "0")}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const submit = (page: Page) => page.locator("main form button[type=submit]").first().click();
async function signIn(page: Page, email: string) {
  await page.goto(base + "/sign-in");
  await page.fill("input[name=email]", email);
  await page.fill("input[name=password]", password);
  await submit(page);
}

// One person with an app, a phone number and Once per computer, set up in English.
const en = await (await browser.newContext({ locale: "en-GB" })).newPage();
const email = `shot-methods-${Date.now()}@example.test`;
const phone = `+4915112${String(Date.now()).slice(-6)}`;
await en.goto(base + "/sign-up");
await en.fill("input[name=name]", "Robin Example"); await en.fill("input[name=email]", email); await en.fill("input[name=password]", password); await submit(en);
await en.waitForURL(/check-inbox/);
await en.goto(await fromOutbox(en, email, /https?:\/\/\S+\/verify-email\?token=[\w-]+/)); await submit(en); await en.waitForURL(/done/);
await signIn(en, email); await en.waitForURL(/security/);
await en.getByRole("button", { name: "Enable two-factor authentication" }).click();
await shoot(en, "en-enable-choose-method");
await en.getByRole("button", { name: "Continue" }).click();
const secret = (await en.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
await en.getByLabel("Authentication code").fill(generateTotp(secret, new Date())); await en.getByRole("button", { name: "Verify" }).click();
await en.getByTestId("recovery-codes").getByRole("listitem").nth(15).waitFor();
const codes = await en.getByTestId("recovery-codes").getByRole("listitem").allInnerTexts();
await en.getByLabel("I have saved my recovery codes").check(); await en.getByRole("button", { name: "Done" }).click();
const phoneCard = en.locator("#phone");
await phoneCard.getByRole("button", { name: "Add a phone number" }).click();
await phoneCard.getByLabel("Phone number").fill(phone);
await phoneCard.getByRole("button", { name: "Send code" }).click();
await phoneCard.getByLabel("Verification code").waitFor();
await shoot(en, "en-phone-verify");
const outbox = await en.context().newPage();
await outbox.goto(base + "/dev/outbox");
const code = await fromOutbox(outbox, phone, /\b\d{6}\b/);
await outbox.close();
await phoneCard.getByLabel("Verification code").fill(code);
await phoneCard.getByRole("button", { name: "Verify" }).click();
await phoneCard.getByText("Number ending in", { exact: false }).first().waitFor();
await en.getByRole("radio", { name: /Once per computer/ }).check();
await en.getByRole("radio", { name: /Once per computer/ }).locator("xpath=ancestor::form").getByRole("button", { name: "Save" }).click();
await en.getByRole("radio", { name: /Once per computer/ }).locator("xpath=ancestor::form").getByText("Current").waitFor();
// Signed out (the session cookie dropped): the next sign-in is challenged, and passing it trusts this browser.
const cookies = await en.context().cookies();
await en.context().clearCookies();
await en.context().addCookies(cookies.filter((cookie) => !/session/.test(cookie.name)));
await signIn(en, email); await en.waitForURL(/sign-in\/verify/);
await shoot(en, "en-challenge-app");
await en.getByRole("link", { name: "Try another way" }).click(); await shoot(en, "en-try-another-way");
await en.goto(base + "/sign-in/verify");
await en.fill("input[name=code]", generateTotp(secret, new Date(Date.now() + 30_000))); await submit(en); await en.waitForURL(/security/);
await shoot(en, "en-security");

for (const [locale, browserLocale, index] of [["ja", "ja-JP", 1], ["de", "de-DE", 2]] as const) {
  const page = await (await browser.newContext({ locale: browserLocale })).newPage();
  await signIn(page, email); await page.waitForURL(/sign-in\/verify/);
  await shoot(page, `${locale}-challenge-app`);
  await page.goto(base + "/sign-in/verify/other"); await shoot(page, `${locale}-try-another-way`);
  await page.locator("main a[href*='via=phone']").first().click(); await shoot(page, `${locale}-challenge-phone`);
  await page.goto(base + "/sign-in/verify/recovery");
  await page.fill("input[name=code]", codes[index]!); await submit(page); await page.waitForURL(/security/);
  await page.goto(base + "/security"); await shoot(page, `${locale}-security`); await shootCards(page, `${locale}-security-phone`);
  await page.context().close();
}
await browser.close();
console.log("done");
