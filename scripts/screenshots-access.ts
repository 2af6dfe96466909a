// The Access control section walked as a new person would (issue 12), in a production build:
// sign up, verify from /dev/outbox, turn on an authenticator, create a project, then users,
// cards, codes (by keyboard alone), doors and the keypad; every page at desktop (1280) and phone
// (390) width in English, Japanese and German (each language its own browser context, so
// Accept-Language comes from the context's locale). Start the app in development mode
// (`APP_ENV=development PORT=3451 DATA_DIR=.data/walk npx tsx scripts/start.ts`), then
// `npx tsx scripts/screenshots-access.ts <folder> [base URL]`.
import crypto from "node:crypto";
import fs from "node:fs";
import { chromium, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";

const out = process.argv[2] ?? "/tmp/shots-access";
const base = process.argv[3] ?? "http://localhost:3451";
fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
const notes: string[] = [];

async function shoot(page: Page, name: string) {
  for (const [label, width] of [["desktop", 1280], ["phone", 390]] as const) {
    await page.setViewportSize({ width, height: label === "phone" ? 844 : 900 });
    await page.waitForTimeout(300);
    // Anything wider than the window is a layout bug on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) notes.push(`${name} ${label}: page is ${overflow}px wider than the window`);
    await page.screenshot({ path: `${out}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Presses Tab until `target` has focus and returns how many presses it took. */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<number> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return i;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

// --- A new person, in English -------------------------------------------------------------
const id = crypto.randomBytes(4).toString("hex");
const person = { name: `Walk ${id}`, email: `walk-${id}@example.test`, password: "correct horse battery staple 42" };
const en = await browser.newContext({ locale: "en-GB" });
const page = await en.newPage();
await page.goto(`${base}/sign-up`);
await page.getByLabel("Name").fill(person.name);
await page.getByLabel("Email").fill(person.email);
await page.getByLabel("Password", { exact: true }).fill(person.password);
await page.getByRole("button", { name: "Create account" }).click();
await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
let link: string | undefined;
for (let i = 0; i < 30 && !link; i++) {
  await page.goto(`${base}/dev/outbox`);
  const text = await page.locator("body").innerText();
  link = text.match(new RegExp(`https?://\\S+/verify-email\\?token=[\\w-]+`))?.[0];
  if (!text.includes(person.email)) link = undefined;
  if (!link) await page.waitForTimeout(500);
}
await page.goto(link!.replace(/^https?:\/\/[^/]+/, base));
await page.getByRole("button", { name: "Verify email address" }).click();
await page.getByRole("heading", { name: "Email address verified" }).waitFor();
await page.goto(`${base}/sign-in`);
await page.getByLabel("Email").fill(person.email);
await page.getByLabel("Password").fill(person.password);
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL(/\/security/);
await page.getByRole("button", { name: "Enable two-factor authentication" }).click();
await page.getByRole("button", { name: "Continue" }).click();
const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
await page.getByLabel("Authentication code").fill(generateTotp(secret, new Date()));
await page.getByRole("button", { name: "Verify" }).click();
await page.getByTestId("recovery-codes").getByRole("listitem").first().waitFor();
await page.getByLabel("I have saved my recovery codes").check();
await page.getByRole("button", { name: "Done" }).click();
await page.getByText("Enabled", { exact: true }).waitFor();

async function createProject(name: string) {
  await page.goto(`${base}/projects`);
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split("/")[2]!;
}
const emptyProject = await createProject("Empty site");
const projectId = await createProject("Head office");
const access = `${base}/projects/${projectId}/access`;

// The section from the project's tabs.
await page.getByRole("link", { name: "Access control" }).click();
await page.getByText("No access users yet").waitFor();

// Keyboard alone: Add user, Add card, Generate.
const presses: Record<string, number> = {};
await page.locator("body").click({ position: { x: 1, y: 1 } });
presses.name = await tabTo(page, page.getByRole("region", { name: "Add user" }).getByLabel("Name"));
await page.keyboard.type("Aiko Tanaka");
await page.keyboard.press("Enter");
await page.getByRole("heading", { name: "Aiko Tanaka", level: 2 }).waitFor();
const aiko = page.url();
presses.facility = await tabTo(page, page.getByRole("form", { name: "Add card" }).getByLabel("Facility code"));
await page.keyboard.type("12");
await page.keyboard.press("Tab");
await page.keyboard.type("34567");
await page.keyboard.press("Enter");
await page.getByText("Facility 12 · Card 34567").waitFor();
presses.generate = await tabTo(page, page.getByRole("group", { name: "Add MFA code" }).getByRole("button", { name: "Generate" }));
await page.keyboard.press("Enter");
const code = (await page.getByTestId("generated-code").innerText()).trim();
await shoot(page, "en-person-generated");
presses.done = await tabTo(page, page.getByRole("button", { name: "Done" }));
await page.keyboard.press("Enter");
notes.push(`keyboard: Tab presses to Name ${presses.name}, to Facility code ${presses.facility}, to Generate ${presses.generate}, to Done ${presses.done}`);
notes.push(`focus after Done: ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))}`);

// A second person with long words (German and Japanese names and an address that must wrap).
await page.goto(access);
const add = page.getByRole("region", { name: "Add user" });
await add.getByLabel("Name").fill("Maximiliane Wolfeschlegelsteinhausenberger-Dorffmann");
await add.getByLabel("Email (optional)").fill("maximiliane.wolfeschlegelsteinhausenberger@facility-management.example.test");
await add.getByLabel("External ID (optional)").fill("personalnummer-0000123456789");
await add.getByRole("button", { name: "Add user" }).click();
await page.getByRole("heading", { name: /^Maximiliane/, level: 2 }).waitFor();
const maxi = page.url();
const cards = page.getByRole("form", { name: "Add card" });
await cards.getByLabel("Facility code").fill("65535");
await cards.getByLabel("Card number").fill("2147483647");
await cards.getByRole("button", { name: "Add card" }).click();
await page.getByText("Facility 65535 · Card 2147483647").waitFor();
await page.getByRole("group", { name: "Add MFA code" }).getByLabel("Length").selectOption("16");
await page.getByRole("group", { name: "Add MFA code" }).getByRole("button", { name: "Generate" }).click();
await page.getByTestId("generated-code").waitFor();
await page.getByRole("button", { name: "Done" }).click();
await page.goto(access);
await page.getByRole("region", { name: "Add user" }).getByLabel("Name").fill("山田 太郎");
await page.getByRole("region", { name: "Add user" }).getByRole("button", { name: "Add user" }).click();
await page.getByRole("heading", { name: "山田 太郎", level: 2 }).waitFor();

// Doors: one with a long name on Card + code all week, one on weekdays.
await page.goto(`${access}/doors`);
await page.getByLabel("Door name").fill("Haupteingang Nordflügel Erdgeschoss Anlieferung");
await page.getByRole("button", { name: "Add door" }).click();
await page.getByRole("button", { name: "Card + code all week" }).click();
await page.getByRole("button", { name: "Save schedule" }).click();
await page.getByText("Schedule saved.").waitFor();
const longDoor = page.url();
await page.goto(`${access}/doors`);
await page.getByLabel("Door name").fill("Server room");
await page.getByRole("button", { name: "Add door" }).click();
await page.getByRole("button", { name: "Weekdays 09:00–17:00" }).click();
await page.getByRole("button", { name: "Save schedule" }).click();
await page.getByText("Schedule saved.").waitFor();
const serverRoom = page.url();

// The keypad from Aiko's card, denied without the code and granted with it.
await page.goto(aiko);
await page.getByRole("link", { name: /^Try card Facility 12/ }).click();
await page.getByLabel("A card of this project").waitFor();

/** Presents the card (with the typed code) and waits for the answer. */
async function present(p: Page, enter: string) {
  await Promise.all([p.waitForResponse((response) => response.request().method() === "POST" && response.url().includes("/access/keypad")), p.getByRole("button", { name: enter, exact: true }).click()]);
  await p.getByTestId("keypad-result").waitFor();
}
await present(page, "Enter");
await shoot(page, "en-keypad-denied");
await page.getByLabel("Code", { exact: true }).fill(code);
await present(page, "Enter");
await shoot(page, "en-keypad-granted");

// --- Every page in each language ----------------------------------------------------------
const state = await en.storageState();
const pages: [string, string][] = [
  ["users-empty", `${base}/projects/${emptyProject}/access`],
  ["doors-empty", `${base}/projects/${emptyProject}/access/doors`],
  ["keypad-empty", `${base}/projects/${emptyProject}/access/keypad`],
  ["users", access],
  ["person", aiko],
  ["person-long", maxi],
  ["doors", `${access}/doors`],
  ["door-long", longDoor],
  ["door-weekdays", serverRoom],
  ["keypad", `${access}/keypad`],
  ["roles", `${access}/roles`],
];
for (const [lang, locale] of [["en", "en-GB"], ["ja", "ja-JP"], ["de", "de-DE"]] as const) {
  const context: BrowserContext = await browser.newContext({ locale, storageState: { ...state, cookies: state.cookies.filter((cookie) => cookie.name !== "tessera-locale") } });
  const p = await context.newPage();
  for (const [name, url] of pages) {
    await p.goto(url);
    await p.waitForLoadState("load");
    if (await p.locator("html").getAttribute("lang") !== lang) notes.push(`${lang} ${name}: html lang is ${await p.locator("html").getAttribute("lang")}`);
    await shoot(p, `${lang}-${name}`);
  }
  // The keypad's answer in this language (the long-named door is first: Card + code all week).
  await p.goto(`${access}/keypad?card=65535:2147483647`);
  const enter = { en: "Enter", ja: "確定", de: "Bestätigen" }[lang];
  const enterName = (await p.locator("form button[type=submit]").innerText()).trim() || enter;
  await present(p, enterName);
  await shoot(p, `${lang}-keypad-denied-long`);
  await context.close();
}

fs.writeFileSync(`${out}/notes.txt`, notes.join("\n") + "\n");
console.log(notes.join("\n"));
await browser.close();
