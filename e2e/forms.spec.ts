import { expect, test } from "@playwright/test";
import { formAlert, newPerson, signIn, signOut, signUp } from "./fixtures";

// Issue 6: React 19 reset every form after its action, wiping what was typed. Each form keeps
// its input after an error and moves focus to the first field at fault, else to the alert.

test("sign-in keeps the email (and password) after a wrong password and focuses the error", async ({ page }) => {
  const person = newPerson("keepsignin");
  await signUp(page, person);
  await signOut(page);
  await signIn(page, person.email, "not the right password");
  await expect(formAlert(page)).toContainText("Incorrect email or password.");
  await expect(formAlert(page)).toBeFocused();
  await expect(page.getByLabel("Email")).toHaveValue(person.email);
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("not the right password");
});

test("sign-up keeps name and email after a field error and focuses that field", async ({ page }) => {
  const person = newPerson("keepsignup");
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(person.name);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(formAlert(page)).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await expect(page.getByLabel("Name")).toHaveValue(person.name);
  await expect(page.getByLabel("Email")).toHaveValue(person.email);
});

test("the account forms keep their input after an error and focus the first field at fault", async ({ page }) => {
  await signUp(page, newPerson("keepaccount"));
  // Inside the sudo window that signing up opened: the forms answer at once.
  await page.goto("/account");
  await page.getByLabel("New email address").fill("not an email");
  await page.getByRole("button", { name: "Change email" }).click();
  await expect(page.getByLabel("New email address")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("New email address")).toBeFocused();
  await expect(page.getByLabel("New email address")).toHaveValue("not an email");

  await page.getByLabel("New password", { exact: true }).fill("a perfectly long passphrase");
  await page.getByLabel("Confirm new password").fill("a different long passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  const confirm = page.getByLabel("Confirm new password");
  await expect(confirm).toHaveAttribute("aria-invalid", "true");
  await expect(confirm).toBeFocused();
  await expect(page.getByLabel("New password", { exact: true })).toHaveValue("a perfectly long passphrase");
});

test("every password field has a keyboard-reachable Show password toggle", async ({ page }) => {
  await page.goto("/sign-in");
  const password = page.getByLabel("Password", { exact: true });
  const toggle = page.getByRole("button", { name: "Show password" });
  await expect(toggle).toHaveCount(1);
  await password.fill("hunter2 is not a passphrase");
  await expect(password).toHaveAttribute("type", "password");
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await password.focus();
  await page.keyboard.press("Tab");
  await expect(toggle).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(password).toHaveAttribute("type", "text");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Space");
  await expect(password).toHaveAttribute("type", "password");
  await expect(password).toHaveValue("hunter2 is not a passphrase");

  await page.goto("/sign-up");
  await expect(page.getByRole("button", { name: "Show password" })).toHaveCount(1);
  await signUp(page, newPerson("toggle"));
  await page.goto("/account");
  await expect(page.getByRole("button", { name: "Show password" })).toHaveCount(2);
});

test("closing the account menu with Escape returns focus to its button", async ({ page }) => {
  await signUp(page, newPerson("menu"));
  const button = page.getByRole("button", { name: "Account menu" });
  await button.click();
  await page.locator("header").getByRole("link", { name: "Security" }).focus();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeHidden();
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute("aria-expanded", "false");
});

test("a member opening /support sees not found with exactly one main landmark", async ({ page }) => {
  await signUp(page, newPerson("member"));
  const response = await page.goto("/support");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("main")).toHaveCount(1);
});

test.describe("in the viewer's time zone", () => {
  test.use({ timezoneId: "Asia/Tokyo" });

  test("the security log shows times in the browser's zone, not UTC", async ({ page }) => {
    await signUp(page, newPerson("zone"));
    await page.goto("/security");
    const time = page.getByRole("list", { name: "Recent security events" }).locator("time").first();
    await expect(time).toContainText("GMT+9");
    const iso = await time.getAttribute("datetime");
    const tokyoHour = (new Date(iso!).getUTCHours() + 9) % 24;
    await expect(time).toContainText(`, ${String(tokyoHour).padStart(2, "0")}:`);
    await expect(page.getByText(/\bUTC\b/)).toHaveCount(0);
  });
});
