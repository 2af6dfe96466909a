import { expect, test } from "@playwright/test";
import { formAlert, latestEmail, newPerson, signIn, signOut, signUp } from "./fixtures";

const NEW_PASSWORD = "a fresh passphrase nobody guesses 7";

async function openResetLink(page: import("@playwright/test").Page, email: string) {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "If an account uses this address" })).toBeVisible();
  const text = await latestEmail(page, email, /reset your tessera password/i);
  await page.goto(text.match(/https?:\/\/\S+\/reset-password\?token=[\w-]+/)![0]);
}

test("forgot password: the emailed link sets a new password, which then signs in; the old one does not", async ({ page }) => {
  const person = newPerson("reset");
  await signUp(page, person);
  await signOut(page);

  await openResetLink(page, person.email);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/sign-in\?reset=1/);
  await expect(page.getByText("Your password was changed")).toBeVisible();

  await signIn(page, person.email, person.password);
  await expect(formAlert(page)).toContainText("Incorrect email or password.");
  await signIn(page, person.email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/security/);
});

test("forgot password answers the same for an address without an account", async ({ page }) => {
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(`nobody-${Date.now()}@example.test`);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "If an account uses this address" })).toBeVisible();
});
