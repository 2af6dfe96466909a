// Screenshots of issue 10's pages (projects, members, compliance, settings with its preview,
// enrolment, invitations) in English, Japanese and German at desktop and phone width: start the
// app in development (demo data), then `npx tsx scripts/screenshots-projects.ts <folder> [base URL]`.
import { chromium, type Page } from "@playwright/test";

const out = process.argv[2] ?? "/tmp/shots-projects";
const base = process.argv[3] ?? "http://localhost:3000";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });

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
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

async function projectId(page: Page) {
  await page.goto(base + "/projects");
  await page.locator("main a[href^='/projects/']").first().click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
  return page.url().split("/").pop()!;
}

// The owner, in English: list, overview, members, compliance, settings locked and unlocked, the preview.
const en = await (await browser.newContext({ locale: "en-GB" })).newPage();
await signIn(en, "owner@demo.tessera", "tessera-owner-demo");
await en.goto(base + "/projects");
await shoot(en, "en-projects");
const id = await projectId(en);
await shoot(en, "en-overview");
await en.goto(`${base}/projects/${id}/members`);
await shoot(en, "en-members");
await en.goto(`${base}/projects/${id}/compliance`);
await shoot(en, "en-compliance");
await en.request.delete(base + "/dev/sudo");
await en.goto(`${base}/projects/${id}/settings`);
await shoot(en, "en-settings-locked");
await en.getByRole("button", { name: "Authenticate to make changes" }).click();
await en.waitForTimeout(300);
await shoot(en, "en-settings-sudo");
await en.getByRole("group", { name: "Confirm it is you" }).getByLabel("Password").fill("tessera-owner-demo");
await en.getByRole("group", { name: "Confirm it is you" }).getByRole("button", { name: "Confirm", exact: true }).click();
await en.getByText(/You can make changes until/).waitFor();
await en.getByRole("radio", { name: "Every login", exact: true }).check();
await en.getByLabel("Grace period in days").fill("7");
await en.getByRole("button", { name: "Save", exact: true }).click();
await en.getByRole("heading", { name: "Before you confirm: who this change affects" }).waitFor();
await shoot(en, "en-settings-preview");
await en.getByRole("button", { name: "Confirm change" }).click();
await en.getByText("The two-factor requirement is saved.").waitFor();
await shoot(en, "en-settings-saved");
await en.goto(`${base}/projects/${id}/compliance`);
await shoot(en, "en-compliance-after");

// The member, in Japanese: the grace banner, then enrolment.
const ja = await (await browser.newContext({ locale: "ja-JP" })).newPage();
await signIn(ja, "member@demo.tessera", "tessera-member-demo");
await ja.goto(`${base}/projects/${id}`);
await shoot(ja, "ja-overview-grace");
await ja.goto(`${base}/projects/${id}/enrol`);
await shoot(ja, "ja-enrol");
await ja.goto(`${base}/projects/${id}/members`);
await shoot(ja, "ja-members");
await ja.goto(`${base}/projects`);
await shoot(ja, "ja-projects");

// German: the owner's pages.
const de = await (await browser.newContext({ locale: "de-DE" })).newPage();
await signIn(de, "owner@demo.tessera", "tessera-owner-demo");
for (const [path, name] of [["", "overview"], ["/members", "members"], ["/compliance", "compliance"], ["/settings", "settings"]] as const) {
  await de.goto(`${base}/projects/${id}${path}`);
  await shoot(de, `de-${name}`);
}
await browser.close();
console.log(`Screenshots in ${out}`);
