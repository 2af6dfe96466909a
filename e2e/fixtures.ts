import { expect, type Page } from "@playwright/test";
import crypto from "node:crypto";

export const PASSWORD = "correct horse battery staple 42";

/** Each test makes its own person, so tests never share state. */
export function newPerson(label = "person") {
  const id = crypto.randomBytes(5).toString("hex");
  return { name: `Test ${label} ${id}`, email: `${label}-${id}@example.test`, password: PASSWORD };
}

export async function signUp(page: Page, person: { name: string; email: string; password: string }) {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(person.name);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/account/);
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
  await page.goto("/dev/outbox");
  const message = page.getByRole("article").filter({ hasText: to }).filter({ hasText: subject }).first();
  await expect(message).toBeVisible();
  return message.innerText();
}

/** The error a form shows (Next's own route announcer is also an alert, so look inside main). */
export function formAlert(page: Page) {
  return page.locator("main [role=alert]");
}

/** Opens the verification link from the outbox and confirms it. */
export async function verifyEmailAddress(page: Page, email: string) {
  const text = await latestEmail(page, email, /verify/i);
  await page.goto(text.match(/https?:\/\/\S+\/verify-email\?token=[\w-]+/)![0]);
  await page.getByRole("button", { name: "Verify email address" }).click();
  await expect(page.getByRole("heading", { name: "Email address verified" })).toBeVisible();
}
