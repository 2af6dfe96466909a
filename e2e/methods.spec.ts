import { expect, test, type Page } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { keysCard, newPerson, registerKey, signIn, signOut, signUp, virtualAuthenticator } from "./fixtures";

const twoFactorCard = (page: Page) => page.locator("#two-factor");

/**
 * Several methods at once (GitHub): a security key first, then an authenticator app; the
 * preferred one comes first at sign-in, "Try another way" lists the others, and turning 2FA on
 * again preselects the method preferred before (Twilio).
 */
test("a key and an app: the preferred one first, Try another way from the key to a recovery code, the old preference preselected", async ({ page }) => {
  test.setTimeout(180_000);
  const person = newPerson("methods");
  await signUp(page, person);
  await virtualAuthenticator(page);

  // Turning 2FA on asks which method; the key is set up in its own card.
  await page.getByRole("button", { name: "Enable two-factor authentication" }).click();
  await expect(twoFactorCard(page).getByRole("radio", { checked: true })).toHaveValue("totp");
  await page.getByRole("radio", { name: /Security key or passkey/ }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(keysCard(page).getByLabel("Key name").last()).toBeFocused();
  await registerKey(page, "Desk key");
  const list = page.getByTestId("recovery-codes").getByRole("listitem");
  await expect(list).toHaveCount(16);
  const codes = await list.allInnerTexts();
  await page.getByLabel("I have saved my recovery codes").check();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(twoFactorCard(page).getByText("Enabled", { exact: true })).toBeVisible();

  // An app beside the key: no new recovery codes, and the key stays preferred.
  await twoFactorCard(page).getByRole("button", { name: "Set up authenticator app" }).click();
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  await page.getByLabel("Authentication code").fill(generateTotp(secret, new Date()));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(twoFactorCard(page).getByRole("status")).toContainText("works beside your other methods");
  await expect(twoFactorCard(page).getByLabel("Preferred method")).toHaveValue(/.+/);
  await expect(twoFactorCard(page).getByLabel("Preferred method").locator("option:checked")).toHaveText("Desk key");

  await signOut(page);
  await signIn(page, person.email, person.password);
  await expect(page.getByRole("heading", { name: "Use your security key" })).toBeVisible();
  await page.getByRole("link", { name: "Try another way" }).click();
  await expect(page.getByRole("link", { name: /^Authenticator app/ })).toBeVisible();
  await page.getByRole("link", { name: /^Use a recovery code/ }).click();
  await page.getByLabel("Recovery code").fill(codes[0]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/security\?recovered=15/);

  // The app becomes the preferred method: sign-in asks for its code first.
  await twoFactorCard(page).getByLabel("Preferred method").selectOption({ label: "Authenticator app" });
  await twoFactorCard(page).getByRole("button", { name: "Save" }).click();
  await expect(twoFactorCard(page).getByRole("alert").or(twoFactorCard(page).getByRole("status"))).toContainText("preferred method is saved");
  await signOut(page);
  await signIn(page, person.email, person.password);
  await expect(page.getByLabel("Authentication code")).toBeVisible();
  await page.getByLabel("Authentication code").fill(generateTotp(secret, new Date(Date.now() + 30_000)));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/security$/);

  // Off and on again: the method preferred before (the key again) is preselected.
  await twoFactorCard(page).getByLabel("Preferred method").selectOption({ label: "Desk key" });
  await twoFactorCard(page).getByRole("button", { name: "Save" }).click();
  await expect(twoFactorCard(page).getByLabel("Preferred method").locator("option:checked")).toHaveText("Desk key");
  await twoFactorCard(page).getByRole("button", { name: "Disable two-factor authentication" }).click();
  await twoFactorCard(page).getByRole("button", { name: "Turn off" }).click();
  await expect(twoFactorCard(page).getByText("Not enabled", { exact: true })).toBeVisible();
  await twoFactorCard(page).getByRole("button", { name: "Enable two-factor authentication" }).click();
  await expect(twoFactorCard(page).getByRole("radio", { checked: true })).toHaveValue("webauthn");
});
