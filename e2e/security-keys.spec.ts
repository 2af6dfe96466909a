import { expect, test, type Page } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { enableTotp, expectNoViolations, keysCard, newPerson, registerKey, signIn, signOut, signUp, virtualAuthenticator } from "./fixtures";

const keyList = (page: Page) => keysCard(page).getByRole("list", { name: "Your security keys" });

test("a security key beside the authenticator app: registered with a Key name, used at sign-in, renamed, removed", async ({ page }) => {
  test.setTimeout(180_000);
  const person = newPerson("key");
  await signUp(page, person);
  const key = await virtualAuthenticator(page);
  await enableTotp(page, (secret) => generateTotp(secret, new Date()));

  const card = keysCard(page);
  await expect(card.getByText("No security key is registered yet.")).toBeVisible();
  // Without a name nothing is asked of the key, and the field says why.
  await card.getByRole("button", { name: "Register security key" }).click();
  await expect(card.getByLabel("Key name")).toBeFocused();
  await expect(card.getByText("Give the key a name")).toBeVisible();
  expect(await key.credentials()).toHaveLength(0);

  await registerKey(page, "  YubiKey 5C  ");
  await expect(card.getByRole("status").filter({ hasText: "The security key “YubiKey 5C” is registered." })).toBeFocused();
  await expect(keyList(page).getByRole("listitem")).toHaveCount(1);
  await expect(keyList(page)).toContainText("YubiKey 5C");
  await expect(keyList(page)).toContainText("Not used yet");
  expect(await key.credentials()).toHaveLength(1);

  // The same key again: the browser refuses (it is excluded), and the card says so.
  await registerKey(page, "Spare");
  await expect(card.getByRole("alert")).toContainText("already registered to your account");
  await expect(card.getByRole("alert")).toBeFocused();
  expect(await key.credentials()).toHaveLength(1);
  await expectNoViolations(page);

  await signOut(page);
  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL(/\/sign-in\/verify/);
  // The app came first, so it stays the preferred way; the key is under "Try another way".
  await expect(page.getByLabel("Authentication code")).toBeVisible();
  await page.getByRole("link", { name: "Try another way" }).click();
  await page.getByRole("link", { name: /^Security key or passkey/ }).click();
  await page.getByRole("button", { name: "Use security key" }).click();
  await expect(page).toHaveURL(/\/security/);
  await expect(keyList(page)).toContainText("Last used");
  expect((await key.credentials())[0]!.signCount).toBeGreaterThan(0);

  // Rename, from the keyboard: Enter saves, Escape cancels and gives focus back.
  await keyList(page).getByRole("button", { name: "Rename YubiKey 5C" }).click();
  const rename = card.getByRole("form", { name: "Rename YubiKey 5C" });
  await expect(rename.getByLabel("Key name")).toBeFocused();
  await expectNoViolations(page);
  await page.keyboard.press("Control+A");
  await page.keyboard.type("Keyring key");
  await page.keyboard.press("Enter");
  await expect(card.getByRole("status").filter({ hasText: "The key is now called “Keyring key”." })).toBeFocused();
  await expect(keyList(page)).toContainText("Keyring key");
  const renameButton = keyList(page).getByRole("button", { name: "Rename Keyring key" });
  await renameButton.click();
  await page.keyboard.press("Escape");
  await expect(renameButton).toBeFocused();

  // Remove: asked first; the app stays, so 2FA stays on.
  await keyList(page).getByRole("button", { name: "Remove Keyring key" }).click();
  await expect(card.getByText("Remove “Keyring key”?")).toBeVisible();
  await card.getByRole("button", { name: "Remove key" }).click();
  await expect(card.getByRole("status").filter({ hasText: "The security key “Keyring key” is removed." })).toBeFocused();
  await expect(card.getByText("No security key is registered yet.")).toBeVisible();
  await expect(page.getByText("Enabled", { exact: true })).toBeVisible();

  // The security log has the rename.
  await expect(page.getByText("Two-factor method renamed")).toBeVisible();
});

test("a security key as the only factor: recovery codes once, a key-only challenge, a clear message when the key is missing, removing the last one", async ({ page }) => {
  test.setTimeout(180_000);
  const person = newPerson("keyonly");
  await signUp(page, person);
  const key = await virtualAuthenticator(page);

  await page.goto("/security");
  await registerKey(page, "Laptop passkey");
  // The first factor turns 2FA on: the recovery codes are shown here, once.
  await expect(page.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(16);
  await page.getByLabel("I have saved my recovery codes").check();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(keysCard(page).getByRole("status").filter({ hasText: "The security key “Laptop passkey” is registered." })).toBeVisible();
  await expect(page.getByText("16 of 16 codes left")).toBeVisible();

  await signOut(page);
  await signIn(page, person.email, person.password);
  await expect(page.getByRole("heading", { name: "Use your security key" })).toBeVisible();
  await expect(page.getByLabel("Authentication code")).toHaveCount(0);
  await expectNoViolations(page);

  // The key is not there: the prompt ends without an answer, and the page says what to do.
  const plugBack = await key.unplug();
  await page.getByRole("button", { name: "Use security key" }).click();
  await expect(page.locator("main [role=alert]")).toContainText("closed before a key answered");
  await expect(page.locator("main [role=alert]")).toBeFocused();
  await plugBack();
  await page.getByRole("button", { name: "Use security key" }).click();
  await expect(page).toHaveURL(/\/security/);

  // The last factor: removing it asks again, then turns 2FA off.
  await keyList(page).getByRole("button", { name: "Remove Laptop passkey" }).click();
  await keysCard(page).getByRole("button", { name: "Remove key" }).click();
  await expect(keysCard(page)).toContainText("This is your last two-factor method.");
  await expectNoViolations(page);
  await keysCard(page).getByRole("button", { name: "Remove it and turn off two-factor authentication" }).click();
  await expect(keysCard(page).getByRole("status").filter({ hasText: "two-factor authentication is off" })).toBeVisible();
  await expect(page.getByText("Not enabled", { exact: true })).toBeVisible();
});
