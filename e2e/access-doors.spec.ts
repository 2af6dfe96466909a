import { expect, test, type Page } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { enableTotp, expectNoViolations, newPerson, newProject, signUp } from "./fixtures";

/**
 * Doors and the keypad (issue 12): an owner with 2FA sets a door to **Card + code** in the
 * schedule editor; the keypad grants with the right MFA code, denies without one and with a
 * wrong one; five wrong codes lock the card at that door. The access user comes from the
 * development-only route (app/dev/access-setup), as the users pages are another journey.
 */

type Seeded = { facilityCode: number; cardNumber: number; code: string };

async function seedAccessUser(page: Page, projectId: string): Promise<Seeded> {
  const response = await page.request.post("/dev/access-setup", { form: { projectId, name: "Robin Keypad" }, headers: { accept: "application/json" } });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as Seeded;
}

/**
 * Presses Enter in the code field (or a button) and waits for the door check's answer. First the
 * Enter key must be enabled again after the previous check: while it is disabled, Enter in the
 * field submits nothing (implicit submission skips a form whose default button is disabled).
 */
async function present(page: Page, press: () => Promise<void>) {
  await expect(page.getByRole("button", { name: "Enter", exact: true })).toBeEnabled();
  await Promise.all([page.waitForResponse((response) => response.request().method() === "POST" && response.url().includes("/access/keypad")), press()]);
}

test("an owner sets a door to Card + code; the keypad grants with the code, denies without it and with a wrong one, and 5 wrong codes lock the card", async ({ page }) => {
  test.setTimeout(180_000);
  const owner = newPerson("doors");
  await signUp(page, owner);
  await enableTotp(page, (secret) => generateTotp(secret, new Date()));
  const projectId = await newProject(page, `Doors ${owner.name}`);
  const seeded = await seedAccessUser(page, projectId);

  // Add door, then Card + code all week in the schedule editor.
  await page.goto(`/projects/${projectId}/access/doors`);
  await expect(page.getByText("No doors yet.")).toBeVisible();
  await expectNoViolations(page);
  await page.getByLabel("Door name").fill("Server room");
  await page.getByRole("button", { name: "Add door" }).click();
  await expect(page.getByRole("heading", { name: "Server room" })).toBeVisible();
  await expect(page.getByTestId("door-now")).toContainText("Now: closed");
  await page.getByRole("button", { name: "Card + code all week" }).click();
  await expect(page.getByText("Unsaved changes")).toBeVisible();
  await page.getByRole("button", { name: "Save schedule" }).click();
  await expect(page.getByText("Schedule saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("door-now")).toContainText("Now: Card + code, all week");
  await expect(page.getByRole("group", { name: "Monday, window 1" }).getByLabel("Mode")).toHaveValue("card_and_code");
  await expectNoViolations(page);

  // The settings card: the project's time zone, in sudo mode (the sign-in just now).
  await page.goto(`/projects/${projectId}/access/doors`);
  await page.getByLabel("Time zone").selectOption("Asia/Tokyo");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Door settings saved.")).toBeVisible();
  await expect(page.getByText("Times in Asia/Tokyo")).toBeVisible();

  // The keypad: the door and the project's only card are chosen already.
  await page.goto(`/projects/${projectId}/access/keypad`);
  await expect(page.getByLabel("A card of this project")).toHaveValue(`${seeded.facilityCode}:${seeded.cardNumber}`);
  const result = page.getByTestId("keypad-result");
  const codeField = page.getByLabel("Code", { exact: true });
  await present(page, () => page.getByRole("button", { name: "Enter" }).click());
  await expect(result).toContainText("Denied");
  await expect(result).toContainText("Card + code is in force: type an MFA code");
  await expect(result).toContainText("Mode in force: Card + code");

  // The right code on the on-screen keypad; the field shows dots and is cleared after the try.
  for (const digit of seeded.code) await page.getByRole("group", { name: "Keypad" }).getByRole("button", { name: digit, exact: true }).click();
  await expect(codeField).toHaveAttribute("type", "password");
  await expect(codeField).toHaveValue(seeded.code);
  await present(page, () => page.getByRole("button", { name: "Enter" }).click());
  await expect(result).toContainText("Granted");
  await expect(result).toContainText("Card and MFA code accepted.");
  await expect(codeField).toHaveValue("");
  await expectNoViolations(page);

  // Keyboard only: Tab to the code field, type, Backspace, Enter.
  await page.reload();
  await page.locator("body").click({ position: { x: 1, y: 1 } });
  for (let i = 0; i < 40 && !(await codeField.evaluate((element) => element === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(codeField).toBeFocused();
  await page.keyboard.type(`${seeded.code}9`);
  await page.keyboard.press("Backspace");
  await present(page, () => page.keyboard.press("Enter"));
  await expect(result).toContainText("Granted");

  // Five wrong codes: each is Wrong code; then even the right one meets the lock.
  const wrong = seeded.code === "000000" ? "111111" : "000000";
  for (let i = 0; i < 5; i++) {
    await codeField.fill(wrong);
    await present(page, () => codeField.press("Enter"));
    await expect(result).toContainText("Wrong code.");
  }
  await codeField.fill(seeded.code);
  await present(page, () => codeField.press("Enter"));
  await expect(result).toContainText("Denied");
  await expect(result).toContainText("Too many wrong codes: this card is locked at this door for 5 minutes.");
  await expect(result).toContainText("Locked until");
});
