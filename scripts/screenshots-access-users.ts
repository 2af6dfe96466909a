// Screenshots of the access users pages (issue 12: list, Add user, a person's page with
// credentials, a generated code shown once, Reveal, the Roles page, a read-only view, the
// suspension banner) in English and Japanese at desktop and phone width: start the app in
// development (demo data), then `npx tsx scripts/screenshots-access-users.ts <folder> [base URL]`.
import { chromium, type Page } from "@playwright/test";

const out = process.argv[2] ?? "/tmp/shots-access-users";
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

const en = await (await browser.newContext({ locale: "en-GB" })).newPage();
await signIn(en, "owner@demo.tessera", "tessera-owner-demo");
const id = await projectId(en);
await en.goto(`${base}/projects/${id}/access`);
await shoot(en, "en-access-empty");

// A person linked to the demo member, with a card, a generated MFA code shown once, a typed one and an entry code.
const add = en.getByRole("region", { name: "Add user" });
await add.getByLabel("Name").fill("Aiko Tanaka");
await add.getByLabel("Email (optional)").fill("aiko@example.test");
await add.getByLabel("External ID (optional)").fill("emp-0042");
const memberOption = await add.locator("select[name=memberUserId] option", { hasText: "member@demo.tessera" }).getAttribute("value");
await add.locator("select[name=memberUserId]").selectOption(memberOption!);
await add.getByRole("button", { name: "Add user" }).click();
await en.getByRole("heading", { name: "Aiko Tanaka", level: 2 }).waitFor();
const userUrl = en.url();
const cards = en.getByRole("form", { name: "Add card" });
await cards.getByLabel("Facility code").fill("12");
await cards.getByLabel("Card number").fill("34567");
await cards.getByRole("button", { name: "Add card" }).click();
await en.getByText("Facility 12 · Card 34567").waitFor();
await en.getByRole("group", { name: "Add MFA code" }).getByRole("button", { name: "Generate" }).click();
await en.getByTestId("generated-code").waitFor();
await shoot(en, "en-user-generated");
await en.getByRole("button", { name: "Done" }).click();
await en.getByRole("group", { name: "Add MFA code" }).getByLabel("Code").fill("１２３");
await en.getByRole("group", { name: "Add MFA code" }).getByRole("button", { name: "Add", exact: true }).click();
await en.getByText("A code has 4 to 16 digits.").waitFor();
await shoot(en, "en-user-code-error");
await en.getByRole("group", { name: "Add MFA code" }).getByLabel("Code").fill("24680135");
await en.getByRole("group", { name: "Add MFA code" }).getByRole("button", { name: "Add", exact: true }).click();
await en.getByText("MFA code added.").waitFor();
await en.getByRole("group", { name: "Set entry code" }).getByLabel("Code").fill("4321");
await en.getByRole("group", { name: "Set entry code" }).getByRole("button", { name: "Add", exact: true }).click();
await en.getByText("Entry code set.").waitFor();
await en.getByRole("listitem", { name: "MFA code 1" }).getByRole("button", { name: "Reveal" }).click();
await en.getByTestId("revealed-code").waitFor();
await en.getByRole("listitem", { name: "MFA code 2" }).getByRole("button", { name: "Edit" }).click();
await shoot(en, "en-user-revealed");

// More people for the list, then the list and a search.
for (const name of ["Ben Okafor", "Chloé Martin", "Daiki Sato"]) {
  await en.goto(`${base}/projects/${id}/access`);
  await en.getByRole("region", { name: "Add user" }).getByLabel("Name").fill(name);
  await en.getByRole("region", { name: "Add user" }).getByRole("button", { name: "Add user" }).click();
  await en.getByRole("heading", { name, level: 2 }).waitFor();
}
await en.getByRole("button", { name: "Suspend" }).click();
await en.getByText("Access user suspended").waitFor();
await en.goto(`${base}/projects/${id}/access`);
await shoot(en, "en-access-list");
await en.goto(`${base}/projects/${id}/access?q=tanaka`);
await shoot(en, "en-access-search");

// Roles: the demo member becomes Access User Manager (users, not credentials).
await en.goto(`${base}/projects/${id}/access/roles`);
const memberRow = en.getByRole("list", { name: "Access roles of members" }).getByRole("listitem").filter({ hasText: "member@demo.tessera" });
await memberRow.locator("select").selectOption("user_manager");
await memberRow.getByRole("button", { name: "Save" }).click();
await en.getByText("Access role saved.").waitFor();
await shoot(en, "en-roles");

// Japanese: the owner's pages, then the member's read-only credentials.
const ja = await (await browser.newContext({ locale: "ja-JP" })).newPage();
await signIn(ja, "owner@demo.tessera", "tessera-owner-demo");
await ja.goto(`${base}/projects/${id}/access`);
await shoot(ja, "ja-access-list");
await ja.goto(userUrl);
await shoot(ja, "ja-user");
await ja.goto(`${base}/projects/${id}/access/roles`);
await shoot(ja, "ja-roles");
const jaMember = await (await browser.newContext({ locale: "ja-JP" })).newPage();
await signIn(jaMember, "member@demo.tessera", "tessera-member-demo");
await jaMember.goto(userUrl);
await shoot(jaMember, "ja-user-manager-view");

// The member is removed: their linked person's codes are suspended; the banner offers Unlink first.
await en.goto(`${base}/projects/${id}/members`);
await en.getByRole("row").filter({ hasText: "member@demo.tessera" }).getByRole("button", { name: /^Remove/ }).click();
await en.getByRole("button", { name: "Remove", exact: true }).click();
await en.waitForTimeout(1000);
await en.goto(userUrl);
await en.getByText("Keypad codes suspended").first().waitFor();
await shoot(en, "en-user-suspended");
await ja.goto(userUrl);
await shoot(ja, "ja-user-suspended");

await browser.close();
