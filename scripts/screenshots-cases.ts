// Screenshots of issue 11's recovery requests and the console's Cases tab in English, Japanese and
// German at desktop and phone width: start the app in development (demo data), then
// `npx tsx scripts/screenshots-cases.ts <folder> [base URL]`.
import { chromium, type Browser, type Page } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";

const out = process.argv[2] ?? "/tmp/shots-cases";
const base = process.argv[3] ?? "http://localhost:3000";
const browser: Browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });

async function shoot(page: Page, name: string) {
  for (const [label, width] of [["desktop", 1280], ["phone", 390]] as const) {
    await page.setViewportSize({ width, height: label === "phone" ? 844 : 900 });
    await page.waitForTimeout(250);
    await page.screenshot({ path: `${out}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto(base + "/sign-in");
  await page.fill("input[name=email]", email);
  await page.fill("input[name=password]", password);
  await page.locator("main form button[type=submit]").first().click();
  await page.waitForURL((url) => url.pathname !== "/sign-in");
}

/** Turns the authenticator on through the English security page; returns the secret. */
async function enableTotp(email: string, password: string): Promise<string> {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await signIn(page, email, password);
  await page.goto(base + "/security");
  await page.getByRole("button", { name: "Enable two-factor authentication" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  await page.getByLabel("Authentication code").fill(generateTotp(secret, new Date()));
  await page.getByRole("button", { name: "Verify" }).click();
  await page.getByLabel("I have saved my recovery codes").check();
  await page.getByRole("button", { name: "Done", exact: true }).click();
  await page.getByText("Enabled", { exact: true }).first().waitFor();
  await context.close();
  return secret;
}

const message =
  "I lost my phone with the authenticator app on a train, and my recovery codes were printed and kept in the same bag.\nI signed up in 2026 and work in the Demo project with Olive.";

/** A person whose authenticator is gone files a request in `locale`; shots of the challenge, the form and the confirmation. */
async function fileRequest(locale: string, prefix: string, email: string, password: string, contact: string) {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  await signIn(page, email, password);
  await page.goto(base + "/sign-in/verify/other");
  await shoot(page, `${prefix}-other-ways`);
  await page.locator("a[href='/sign-in/verify/recovery-request']").click();
  await page.waitForURL(/recovery-request$/);
  await shoot(page, `${prefix}-request-form`);
  await page.fill("textarea[name=message]", "Lost it.");
  await page.locator("main form button[type=submit]").first().click();
  await page.locator("[aria-invalid=true]").first().waitFor();
  await shoot(page, `${prefix}-request-invalid`);
  await page.fill("input[name=contactEmail]", contact);
  await page.fill("textarea[name=message]", message);
  await page.locator("main form button[type=submit]").first().click();
  await page.waitForURL(/filed$/);
  await shoot(page, `${prefix}-request-filed`);
  await context.close();
}

await enableTotp("member@demo.tessera", "tessera-member-demo");
await enableTotp("owner@demo.tessera", "tessera-owner-demo");
const adminSecret = await enableTotp("admin@demo.tessera", "tessera-admin-demo");
await fileRequest("ja-JP", "ja", "member@demo.tessera", "tessera-member-demo", "avery.private.mailbox@example.com");
await fileRequest("de-DE", "de", "owner@demo.tessera", "tessera-owner-demo", "olive.owner@example.com");

// The admin signs in once (each code is accepted once); the other languages reuse the session's cookie.
const adminContext = await browser.newContext({ locale: "en-GB" });
const signInPage = await adminContext.newPage();
await signIn(signInPage, "admin@demo.tessera", "tessera-admin-demo");
// The code of this step was spent turning the app on; the next step's is within the window.
await signInPage.fill("input[name=code]", generateTotp(adminSecret, new Date(Date.now() + 30_000)));
await signInPage.locator("main form button[type=submit]").first().click();
await signInPage.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
const adminState = await adminContext.storageState();

async function adminPage(locale: string) {
  const context = await browser.newContext({ locale, storageState: adminState });
  return context.newPage();
}

for (const [locale, prefix] of [["en-GB", "en"], ["de-DE", "de"], ["ja-JP", "ja"]] as const) {
  const page = await adminPage(locale);
  await page.goto(base + "/support/cases");
  await shoot(page, `${prefix}-cases`);
  await page.locator("[data-testid=support-cases] li a[href^='/support/cases/']").first().click();
  await page.waitForURL(/\/support\/cases\/[0-9a-f-]{36}$/);
  await shoot(page, `${prefix}-case-open`);
  if (prefix === "de") {
    await page.locator("button[name=decision][value=approved]").click();
    await page.locator("[aria-invalid=true]").first().waitFor();
    await page.fill("textarea[name=note]", "Wir haben Ihre Identität per Videoanruf bestätigt.\nSie erhalten in Kürze einen temporären Zugangscode.");
    await page.locator("button[name=decision][value=approved]").click();
    await page.locator("main h2", { hasText: "Entscheidung" }).waitFor();
    await shoot(page, `${prefix}-case-approved`);
  }
  await page.context().close();
}

await browser.close();
