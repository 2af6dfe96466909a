// Screenshots of the main pages at desktop and phone width, for review and the README:
// start the app (`npm start`), then `npx tsx scripts/screenshots.ts <folder> [base URL]`.
import { chromium } from "@playwright/test";
import { generateTotp } from "@/lib/mfa/totp";
const base = process.argv[3] ?? "http://localhost:3000";
const out = process.argv[2] ?? "/tmp/shots";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"] });
async function shoot(page: import("@playwright/test").Page, name: string) {
  for (const [label, width] of [["desktop", 1280], ["phone", 390]] as const) {
    await page.setViewportSize({ width, height: label === "phone" ? 844 : 900 });
    await page.waitForTimeout(150);
    await page.screenshot({ path: `${out}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
const ctx = await browser.newContext();
const page = await ctx.newPage();
await page.goto(base + "/sign-in"); await shoot(page, "sign-in");
await page.goto(base + "/forgot-password"); await shoot(page, "forgot-password");
await page.goto(base + "/sign-up"); await shoot(page, "sign-up");
const email = `shot-${Date.now()}@example.test`;
await page.getByLabel("Name").fill("Robin Example"); await page.getByLabel("Email").fill(email); await page.getByLabel("Password", { exact: true }).fill("a fine long password"); await page.getByRole("button", { name: "Create account" }).click();
await page.waitForURL(/check-inbox/); await shoot(page, "check-inbox");
// A new account is usable from its emailed link: open it from the outbox, then sign in.
await page.goto(base + "/dev/outbox");
const mail = await page.getByRole("article").filter({ hasText: email }).first().innerText();
await page.goto(mail.match(/https?:\/\/\S+\/verify-email\?token=[\w-]+/)![0]);
await page.getByRole("button", { name: "Verify email address" }).click(); await page.waitForURL(/done/);
await page.goto(base + "/sign-in"); await page.getByLabel("Email").fill(email); await page.getByLabel("Password", { exact: true }).fill("a fine long password"); await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL(/security/); await page.goto(base + "/account"); await shoot(page, "account");
await page.goto(base + "/security"); await shoot(page, "security-off");
await page.getByRole("button", { name: "Enable two-factor authentication" }).click();
await page.getByTestId("totp-secret").waitFor(); await shoot(page, "enrol");
const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
await page.getByLabel("Authentication code").fill(generateTotp(secret, new Date())); await page.getByRole("button", { name: "Verify" }).click();
await page.getByTestId("recovery-codes").waitFor(); await shoot(page, "recovery-codes");
await page.getByLabel("I have saved my recovery codes").check(); await page.getByRole("button", { name: "Done" }).click();
await page.getByText("Enabled", { exact: true }).waitFor(); await shoot(page, "security-on");
await page.getByRole("button", { name: "Account menu" }).click(); await page.waitForTimeout(100); await page.screenshot({ path: `${out}/menu-desktop.png` });
await page.getByRole("button", { name: "Sign out" }).click(); await page.waitForURL(/sign-in/);
await page.getByLabel("Email").fill(email); await page.getByLabel("Password", { exact: true }).fill("a fine long password"); await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL(/verify/); await shoot(page, "challenge");
await page.getByRole("link", { name: "Use a recovery code" }).click(); await page.waitForURL(/recovery/); await shoot(page, "challenge-recovery");
const admin = await browser.newContext(); const ap = await admin.newPage();
await ap.goto(base + "/sign-in"); await ap.getByLabel("Email").fill("admin@demo.tessera"); await ap.getByLabel("Password", { exact: true }).fill("tessera-admin-demo"); await ap.getByRole("button", { name: "Sign in" }).click();
// Support staff without an authenticator are sent to enrol first: this shows that banner.
await ap.waitForURL(/security/); await ap.goto(base + "/support"); await ap.waitForURL(/security/); await shoot(ap, "support-enrol-first");
await ap.goto(base + "/projects"); await shoot(ap, "projects");
await ap.goto(base + "/dev/outbox"); await shoot(ap, "outbox");
await browser.close();
console.log("done");
