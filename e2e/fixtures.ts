import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";
import crypto from "node:crypto";

export const PASSWORD = "correct horse battery staple 42";

/** Each test makes its own person, so tests never share state. */
export function newPerson(label = "person") {
  const id = crypto.randomBytes(5).toString("hex");
  return { name: `Test ${label} ${id}`, email: `${label}-${id}@example.test`, password: PASSWORD };
}

/**
 * Signs up the way a person does now: the form answers "check your inbox" without signing in,
 * the emailed link verifies the address, then the person signs in. Leaves a signed-in,
 * verified account.
 */
export async function signUp(page: Page, person: { name: string; email: string; password: string }) {
  await submitSignUp(page, person);
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await openVerificationLink(page, person.email);
  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL(/\/security/);
}

/** Fills and sends the sign-up form, nothing more. */
export async function submitSignUp(page: Page, person: { name: string; email: string; password: string }) {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(person.name);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password", { exact: true }).fill(person.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** Opens the newest outbox message to this address and returns its text. */
export async function latestEmail(page: Page, to: string, subject: RegExp): Promise<string> {
  const message = page.getByRole("article").filter({ hasText: to }).filter({ hasText: subject }).first();
  // Some emails leave after the answer (next/server after()), so look again until it is there.
  await expect(async () => {
    await page.goto("/dev/outbox");
    await expect(message).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  return message.innerText();
}

/** The error a form shows (Next's own route announcer is also an alert, so look inside main). */
export function formAlert(page: Page) {
  return page.locator("main [role=alert]");
}

/** Opens the newest verification link sent to this address and confirms it. */
async function openVerificationLink(page: Page, email: string) {
  const text = await latestEmail(page, email, /confirm your email/i);
  await page.goto(text.match(/https?:\/\/\S+\/verify-email\?token=[\w-]+/)![0]);
  await page.getByRole("button", { name: "Verify email address" }).click();
  await expect(page.getByRole("heading", { name: "Email address verified" })).toBeVisible();
}

/**
 * Makes sure the signed-in person's address is verified. signUp already verifies it, so this
 * only opens a link when the Account page still says "Not verified" (e.g. after a change).
 */
export async function verifyEmailAddress(page: Page, email: string) {
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
  if (await page.getByText("Not verified", { exact: true }).isVisible()) await openVerificationLink(page, email);
}

/**
 * Ends the page's sudo mode now (a development-only route), so a journey reaches the "Confirm
 * it is you" prompt without waiting out the window on the wall clock.
 */
export async function endSudo(page: Page) {
  const response = await page.request.delete("/dev/sudo");
  expect(response.status()).toBe(204);
}

/**
 * The newest link to `path` emailed to this address, whatever language the email is in (its
 * subject follows the person's language, the link does not).
 */
export async function latestEmailLink(page: Page, to: string, path: RegExp): Promise<string> {
  const link = new RegExp(`https?://\\S+${path.source}`);
  const text = await latestEmail(page, to, link);
  return text.match(link)![0];
}

/**
 * Turns on the authenticator app for the signed-in person through the English Security page
 * (as two-factor.spec.ts does) and returns the setup key, for codes from generateTotp.
 */
export async function enableTotp(page: Page, codeFor: (secret: string) => string): Promise<string> {
  return (await enableTotpWithRecoveryCodes(page, codeFor)).secret;
}

/** The same, with the recovery codes it shows once, for journeys that use one. */
export async function enableTotpWithRecoveryCodes(page: Page, codeFor: (secret: string) => string): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.goto("/security");
  await page.getByRole("button", { name: "Enable two-factor authentication" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  await page.getByLabel("Authentication code").fill(codeFor(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  const list = page.getByTestId("recovery-codes").getByRole("listitem");
  await expect(list.first()).toBeVisible();
  const recoveryCodes = await list.allInnerTexts();
  await page.getByLabel("I have saved my recovery codes").check();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText("Enabled", { exact: true })).toBeVisible();
  return { secret, recoveryCodes };
}

/**
 * One person signed in from two browsers; on the first one's Security page, the session list
 * and the entry for the other browser. Close `first` and `second` at the end.
 */
export async function signedInTwice(browser: Browser, label: string) {
  const person = newPerson(label);
  const first = await browser.newContext();
  const second = await browser.newContext();
  const pageA = await first.newPage();
  const pageB = await second.newPage();
  await signUp(pageA, person);
  await signIn(pageB, person.email, person.password);
  await expect(pageB).toHaveURL(/\/security/);
  await pageA.goto("/security");
  const sessions = pageA.getByRole("list", { name: "Active sessions" }).getByRole("listitem");
  await expect(sessions).toHaveCount(2);
  const other = sessions.filter({ hasNot: pageA.getByText("This browser") });
  return { person, first, second, pageA, pageB, sessions, other };
}

/** A message key shown instead of words ("security.twoFactor.title") means a translation is missing. */
const RAW_KEY = /\b(?:common|errors|validation|auth|security|account|support|shell|email|audit|notices|trust)\.[A-Za-z]+[A-Za-z_.]*\b/;

export async function expectNoRawKeys(page: Page) {
  await expect(page.locator("body")).not.toHaveText(RAW_KEY);
}

/** At the sign-in challenge: "Try another way", then a recovery code. */
export async function chooseRecoveryCode(page: Page) {
  await page.getByRole("link", { name: "Try another way" }).click();
  await page.getByRole("link", { name: /^Use a recovery code/ }).click();
}

/**
 * Security keys with Chromium's virtual authenticator (CDP WebAuthn domain): a USB CTAP2 key
 * with resident keys and user verification, answering every prompt by itself.
 */
export async function virtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "usb", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  return {
    credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials,
    /** Takes the key's credentials away (the key is unplugged) and returns a way to put them back. */
    async unplug() {
      const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
      await cdp.send("WebAuthn.clearCredentials", { authenticatorId });
      return async () => {
        for (const credential of credentials) await cdp.send("WebAuthn.addCredential", { authenticatorId, credential });
      };
    },
  };
}

export const keysCard = (page: Page) => page.locator("#security-keys");

/** Registers the virtual authenticator's key on the security page under `name` (sudo must be fresh). */
export async function registerKey(page: Page, name: string) {
  const card = keysCard(page);
  await card.getByLabel("Key name").last().fill(name);
  await card.getByRole("button", { name: "Register security key" }).click();
}

/** Creates a project from the Projects page as the signed-in person (its owner) and returns its id. */
export async function newProject(page: Page, name: string): Promise<string> {
  await page.goto("/projects");
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split("/")[2]!;
}

/**
 * Development only (app/dev/project-setup): the signed-in owner adds a signed-up person to the
 * project (`email`, `role`) or sets its required level, without invitations or the settings
 * page, so a journey about something else can arrange its project in one request.
 */
export async function arrangeProject(
  page: Page,
  projectId: string,
  fields: { email?: string; role?: "owner" | "admin" | "member"; requiredLevel?: "disabled" | "once_per_computer" | "every_login"; secureMethodsOnly?: boolean },
) {
  const form: Record<string, string> = { projectId };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) form[key] = String(value);
  const response = await page.request.post("/dev/project-setup", { form, headers: { accept: "application/json" } });
  expect(response.status(), await response.text()).toBe(200);
}

/**
 * No WCAG 2 A or AA violations on the page as it is. Next streams a page's <title> with its
 * metadata, which can arrive after the content a journey waited for: wait for it first, so an
 * empty title is not reported while it is still on its way (a missing one still fails).
 */
export async function expectNoViolations(page: Page) {
  await expect(page).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(", ")}`)).toEqual([]);
}

/**
 * Development only (app/dev/staff): the signed-in person becomes support staff. The console
 * also needs a second factor: enable one first (enableTotpWithRecoveryCodes).
 */
export async function becomeStaff(page: Page, role: "support" | "support_admin") {
  const response = await page.request.post("/dev/staff", { form: { role }, headers: { accept: "application/json" } });
  expect(response.status(), await response.text()).toBe(200);
}
