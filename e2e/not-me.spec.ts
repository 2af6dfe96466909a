import { expect, test, type Page } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { enableTotp, expectNoViolations, formAlert, latestEmailLink, signedInTwice, signIn } from "./fixtures";

const NEW_PASSWORD = "a passphrase only the owner knows 9";
const NOT_ME_LINK = /\/not-me\?token=[\w-]{43}/;

/** The other browser is signed out: its next page is the sign-in form. */
async function expectSignedOut(page: Page) {
  await page.goto("/security");
  await expect(page).toHaveURL(/\/sign-in/);
}

test("\"This wasn't me\" in a security email: the password ends the other browser's session, and the new password works", async ({ browser }) => {
  const { person, first, second, pageA, pageB } = await signedInTwice(browser, "notme");
  // The second browser's sign-in was announced: a security email, with its own link.
  const link = await latestEmailLink(pageA, person.email, NOT_ME_LINK);

  await pageA.goto(link);
  await expect(pageA.getByRole("heading", { name: "Secure your account" })).toBeVisible();
  await expect(pageA.getByText("every session is signed out, on every device")).toBeVisible();
  await expectNoViolations(pageA);
  // A wrong password changes nothing, and the link still works.
  await pageA.getByLabel("Current password").fill("not the password of this account");
  await pageA.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(formAlert(pageA)).toContainText("That is not this account's current password");
  await pageB.goto("/security");
  await expect(pageB).toHaveURL(/\/security/);

  await pageA.getByLabel("Current password").fill(person.password);
  await pageA.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(pageA.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expect(pageA.getByRole("status")).toContainText("Every session is signed out");
  await expectNoViolations(pageA);
  await expectSignedOut(pageB);

  await pageA.getByLabel("New password", { exact: true }).fill("short");
  await pageA.getByRole("button", { name: "Set new password" }).click();
  await expect(pageA.getByText("Use at least 15 characters.")).toBeVisible();
  await pageA.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await pageA.getByRole("button", { name: "Set new password" }).click();
  await expect(pageA.getByRole("heading", { name: "Your account is secured" })).toBeVisible();
  await expectNoViolations(pageA);

  // The link is spent; the old password no longer signs in, the new one does.
  await pageA.goto(link);
  await expect(formAlert(pageA)).toContainText("invalid or has already been used");
  await signIn(pageB, person.email, person.password);
  await expect(formAlert(pageB)).toContainText("Incorrect email or password.");
  await signIn(pageB, person.email, NEW_PASSWORD);
  await expect(pageB).toHaveURL(/\/security/);
  await first.close();
  await second.close();
});

test("\"This wasn't me\" with the keyboard alone, and with two-factor on: the second factor is still asked afterwards", async ({ browser }) => {
  test.setTimeout(120_000);
  const { person, first, second, pageA, pageB } = await signedInTwice(browser, "notmekeys");
  const secret = await enableTotp(pageA, (key) => generateTotp(key, new Date()));
  const link = await latestEmailLink(pageA, person.email, NOT_ME_LINK);

  await pageA.goto(link);
  // The password field has focus; Enter sends the form.
  await expect(pageA.getByLabel("Current password")).toBeFocused();
  await pageA.keyboard.type(person.password);
  await pageA.keyboard.press("Enter");
  await expect(pageA.getByLabel("New password", { exact: true })).toBeFocused();
  await pageA.keyboard.type(NEW_PASSWORD);
  await pageA.keyboard.press("Enter");
  await expect(pageA.getByRole("heading", { name: "Your account is secured" })).toBeVisible();
  await pageA.keyboard.press("Tab");
  await expect(pageA.getByRole("link", { name: "Sign in" })).toBeFocused();
  await pageA.keyboard.press("Enter");
  await expect(pageA).toHaveURL(/\/sign-in/);

  await expectSignedOut(pageB);
  await signIn(pageB, person.email, NEW_PASSWORD);
  await expect(pageB).toHaveURL(/\/sign-in\/verify/);
  await pageB.getByLabel("Authentication code").fill(generateTotp(secret, new Date(Date.now() + 30_000)));
  await pageB.getByRole("button", { name: "Verify" }).click();
  await expect(pageB).toHaveURL(/\/security/);
  await first.close();
  await second.close();
});

test("\"This wasn't me\" works without JavaScript", async ({ browser }) => {
  const { person, first, second, pageA, pageB } = await signedInTwice(browser, "notmenojs");
  const link = await latestEmailLink(pageA, person.email, NOT_ME_LINK);
  const context = await browser.newContext({ locale: "en-US", javaScriptEnabled: false });
  const page = await context.newPage();

  await page.goto(link);
  await page.getByLabel("Current password").fill("not the password of this account");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(formAlert(page)).toContainText("That is not this account's current password");
  await page.getByLabel("Current password").fill(person.password);
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expectSignedOut(pageB);
  await expectSignedOut(pageA);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("heading", { name: "Your account is secured" })).toBeVisible();

  await signIn(pageB, person.email, NEW_PASSWORD);
  await expect(pageB).toHaveURL(/\/security/);
  await context.close();
  await first.close();
  await second.close();
});
