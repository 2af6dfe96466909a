// Screenshots of the support console (issue 11 §4: search, results, chart, an event) in English,
// Japanese and German at desktop and phone width: start the app (demo data), then
// `npx tsx scripts/screenshots-console.ts <folder> [base URL]`. Enrols an authenticator for the
// demo support account (the console needs one) unless it has one already.
import fs from "node:fs";
import { chromium, type Page } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";

const out = process.argv[2] ?? "/tmp/shots-console";
const base = process.argv[3] ?? "http://localhost:3000";
fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });

async function shoot(page: Page, name: string) {
  for (const [label, width] of [["desktop", 1280], ["phone", 390]] as const) {
    await page.setViewportSize({ width, height: label === "phone" ? 844 : 900 });
    await page.waitForTimeout(400);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) console.log(`${name}-${label}: scrolls sideways by ${overflow}px`);
    await page.screenshot({ path: `${out}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const page = await (await browser.newContext({ locale: "en-GB" })).newPage();
await page.goto(base + "/sign-in");
await page.fill("input[name=email]", "support@demo.tessera");
await page.fill("input[name=password]", "tessera-support-demo");
await page.locator("main form button[type=submit]").first().click();
await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
await page.goto(base + "/security");
await page.getByRole("button", { name: "Enable two-factor authentication" }).click();
await page.getByRole("button", { name: "Continue" }).click();
const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
await page.getByLabel("Authentication code").fill(generateTotp(secret, new Date()));
await page.getByRole("button", { name: "Verify" }).click();
await page.getByLabel("I have saved my recovery codes").check();
await page.getByRole("button", { name: "Done" }).click();
await page.getByText("Enabled", { exact: true }).waitFor();
// More than a page of events, for the pager.
await page.request.post(base + "/dev/audit-events", { form: { count: "80" }, headers: { accept: "application/json" } });

// One browser context per language (its Accept-Language comes from the context's locale; an
// extra header set on the page is overridden by it), signed in as the same person.
const signedIn = await page.context().storageState();
for (const locale of ["en", "ja", "de"] as const) {
  const page = await (await browser.newContext({ locale, storageState: signedIn })).newPage();
  await page.goto(base + "/support");
  await shoot(page, `${locale}-console`);
  await page.goto(base + "/support?outcome=failure&from=2026-01-01&to=2026-13-01&ip=x");
  await shoot(page, `${locale}-console-bad-search`);
  await page.goto(base + "/support");
  await page.locator("[data-testid=audit-results] a[href^='/support/events/']").first().click();
  await page.waitForURL(/\/support\/events\//);
  await shoot(page, `${locale}-event`);
}
await browser.close();
