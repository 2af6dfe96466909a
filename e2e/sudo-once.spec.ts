import { expect, test } from "@playwright/test";
import { endSudo, formAlert, newPerson, signUp } from "./fixtures";

test("after the sudo prompt the password change runs exactly once, and the prompt keeps a mistyped password", async ({ page }) => {
  test.setTimeout(180_000);
  const person = newPerson("once");
  await signUp(page, person);
  // Signing in verified this session; end its sudo mode so the prompt appears.
  await endSudo(page);

  await page.goto("/account");
  const fresh = "another long passphrase 77";
  await page.getByLabel("New password", { exact: true }).fill(fresh);
  await page.getByLabel("Confirm new password").fill(fresh);
  await page.getByRole("button", { name: "Change password" }).click();
  const prompt = page.getByRole("group", { name: "Confirm it is you" });
  const password = prompt.getByLabel("Password", { exact: true });
  await expect(password).toBeFocused();

  await password.fill("not my password");
  await prompt.getByRole("button", { name: "Confirm" }).click();
  await expect(formAlert(page)).toContainText("Incorrect");
  await expect(formAlert(page)).toBeFocused();
  await expect(password).toHaveValue("not my password");

  await password.fill(person.password);
  await prompt.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText(/^Password changed\./)).toBeVisible();
  await expect(page.getByText(/^Password changed\./)).toBeFocused();
  // Nothing is still running (a second run kept the transition pending) before counting.
  await expect(page.getByRole("button", { name: "Change password" })).toBeEnabled();
  await expect(page.getByLabel("New password", { exact: true })).toHaveValue("");

  await page.goto("/dev/outbox");
  const emails = page.getByRole("article").filter({ hasText: person.email }).filter({ hasText: "Your Tessera password was changed" });
  await expect(emails.first()).toBeVisible();
  await expect(emails).toHaveCount(1);
  await page.goto("/security");
  const log = page.getByRole("list", { name: "Recent security events" });
  await expect(log.getByText("Identity confirmed for a sensitive change")).toHaveCount(1);
  await expect(log.getByText("Password changed", { exact: true })).toHaveCount(1);
});
