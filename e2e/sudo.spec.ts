import { expect, test, type Page } from "@playwright/test";
import { endSudo, formAlert, newPerson, signIn, signOut, signUp, verifyEmailAddress } from "./fixtures";

const prompt = (page: Page) => page.getByRole("group", { name: "Confirm it is you" });

/** Asks for the change, sees the prompt instead of the change, and backs out. */
async function expectPromptThenCancel(page: Page, ask: () => Promise<void>) {
  await ask();
  await expect(prompt(page)).toBeVisible();
  await prompt(page).getByRole("button", { name: "Cancel" }).click();
  await expect(prompt(page)).toBeHidden();
}

test("past the sudo window, every sensitive change asks to confirm it is you first", async ({ page }) => {
  test.setTimeout(180_000);
  const person = newPerson("sudo");
  await signUp(page, person);
  await verifyEmailAddress(page, person.email);
  await page.goto("/security");
  await page.getByRole("button", { name: "Turn on email login verification" }).click();
  await expect(page.getByText("Email login verification is on.")).toBeVisible();

  // Signing in verified this session; end its sudo mode so every change asks first.
  await endSudo(page);

  await page.goto("/account");
  await expectPromptThenCancel(page, async () => {
    await page.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
    await page.getByLabel("Confirm new password").fill("a brand new passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
  });
  await expectPromptThenCancel(page, async () => {
    await page.getByLabel("New email address").fill(`moved-${person.email}`);
    await page.getByRole("button", { name: "Change email" }).click();
  });

  await page.goto("/security");
  await expectPromptThenCancel(page, () => page.getByRole("button", { name: "Turn off email login verification" }).click());
  await expect(page.getByRole("button", { name: "Turn off email login verification" })).toBeVisible();

  // Enabling 2FA asks too; without a factor the password confirms it, and the action goes on.
  await page.getByRole("button", { name: "Enable two-factor authentication" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await prompt(page).getByLabel("Password").fill("not my password");
  await prompt(page).getByRole("button", { name: "Confirm" }).click();
  await expect(formAlert(page)).toContainText("Incorrect");
  await prompt(page).getByLabel("Password").fill(person.password);
  await prompt(page).getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("totp-secret")).toBeVisible();

  // Inside the window again: the password change goes through at once and other sessions end.
  await page.goto("/account");
  await page.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
  await page.getByLabel("Confirm new password").fill("a brand new passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed.")).toBeVisible();
  await signOut(page);
  await signIn(page, person.email, person.password);
  await expect(formAlert(page)).toContainText("Incorrect email or password.");
});
