// Screenshots of issue 11's audit pages (the person's security log, a project's audit log, the
// support person page) in English and Japanese at desktop and phone width: start the app in
// development (demo data), then `npx tsx scripts/screenshots-audit.ts <folder> [base URL]`.
import { chromium, type Page } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";

const out = process.argv[2] ?? "/tmp/shots-audit";
const base = process.argv[3] ?? "http://localhost:3000";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });

async function shoot(page: Page, name: string) {
  for (const [label, width] of [["desktop", 1280], ["phone", 390]] as const) {
    await page.setViewportSize({ width, height: label === "phone" ? 844 : 900 });
    await page.waitForTimeout(250);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    if (sideways) console.log(`${name}-${label}: scrolls sideways`);
    await page.screenshot({ path: `${out}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto(base + "/sign-in");
  await page.fill("input[name=email]", email);
  await page.fill("input[name=password]", password);
  await page.locator("main form button[type=submit]").first().click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

for (const locale of ["en-GB", "ja-JP"] as const) {
  const tag = locale.slice(0, 2);
  const owner = await (await browser.newContext({ locale })).newPage();
  await signIn(owner, "owner@demo.tessera", "tessera-owner-demo");
  await owner.goto(base + "/security/log");
  await shoot(owner, `${tag}-security-log`);
  await owner.goto(base + "/projects");
  await owner.locator("main a[href^='/projects/']").first().click();
  await owner.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
  await owner.goto(owner.url() + "/audit");
  await shoot(owner, `${tag}-project-audit`);
  await owner.context().close();
}

// Support: the demo support account enrols an authenticator first (the console requires one).
const support = await (await browser.newContext({ locale: "en-GB" })).newPage();
await signIn(support, "support@demo.tessera", "tessera-support-demo");
await support.goto(base + "/security");
await support.getByRole("button", { name: "Enable two-factor authentication" }).click();
await support.getByRole("button", { name: "Continue" }).click();
const secret = (await support.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
await support.getByLabel("Authentication code").fill(generateTotp(secret, new Date()));
await support.getByRole("button", { name: "Verify" }).click();
await support.getByLabel("I have saved my recovery codes").check();
await support.getByRole("button", { name: "Done" }).click();
await support.waitForTimeout(500);
await support.goto(base + "/support/people?email=owner%40demo.tessera");
await support.waitForURL(/\/support\/people\/[0-9a-f-]{36}$/);
await shoot(support, "en-support-person");
const personUrl = support.url();
const ja = await (await browser.newContext({ locale: "ja-JP", storageState: await support.context().storageState() })).newPage();
await ja.goto(personUrl);
await shoot(ja, "ja-support-person");
await browser.close();
