import { expect, test } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { enableTotp, endSudo, expectNoViolations, newPerson, newProject, signUp } from "./fixtures";
import { addAccessUserWithCardAndCode, sudoPrompt } from "./fixtures-access";

/** The code an authenticator shows `offsetSeconds` from now (a later step than the one used to enrol). */
const codeAt = (secret: string, offsetSeconds = 0) => generateTotp(secret, new Date(Date.now() + offsetSeconds * 1000));

test("an owner with 2FA opens Access control, adds a user, a card and a Generated MFA code through sudo, sees it masked and Reveals it", async ({ page }) => {
  test.setTimeout(180_000);
  const owner = newPerson("access-owner");
  await signUp(page, owner);
  const secret = await enableTotp(page, (key) => codeAt(key));
  const projectId = await newProject(page, `Access ${owner.name}`);

  // The section, from the project's tabs; empty, it says what access users are.
  await page.getByRole("link", { name: "Access control" }).click();
  await expect(page.getByText("No access users yet")).toBeVisible();
  await expect(page.getByText(/An access user is a person who opens this project's doors/)).toBeVisible();
  await expectNoViolations(page);

  // Sudo has lapsed: the card and the code each go through "Confirm it is you".
  await endSudo(page);
  let step = 30;
  const { code } = await addAccessUserWithCardAndCode(page, projectId, { name: "Aiko Tanaka", facilityCode: 12, cardNumber: 34567, sudoCode: () => codeAt(secret, (step += 30) - 30) });
  await expect(page.getByText("Hand it over now.")).toBeVisible();
  await expectNoViolations(page);

  // Once dismissed, the code shows masked, with its length.
  await page.getByRole("button", { name: "Done" }).click();
  const row = page.getByRole("listitem", { name: "MFA code 1" });
  await expect(row.getByTestId("masked-code")).toHaveText("••••••");
  await expect(row.getByText("6 digits")).toBeVisible();
  await expect(page.getByText(code, { exact: true })).toHaveCount(0);

  // Reveal shows it (sudo is fresh now), and Hide masks it again.
  await row.getByRole("button", { name: "Reveal" }).click();
  await expect(row.getByTestId("revealed-code")).toHaveText(code);
  await row.getByRole("button", { name: "Hide" }).click();
  await expect(row.getByTestId("masked-code")).toBeVisible();

  // The list counts what the person carries.
  await page.getByRole("link", { name: "All access users" }).click();
  const listed = page.getByRole("list", { name: "Access users" }).getByRole("listitem").filter({ hasText: "Aiko Tanaka" });
  await expect(listed).toContainText("1 card");
  await expect(listed).toContainText("1 MFA code");
  await expect(listed).toContainText("Active");
  await expectNoViolations(page);

  // A typed code with full-width digits (a Japanese IME) is accepted as digits; a short one is refused with words.
  await listed.getByRole("link", { name: "Aiko Tanaka" }).click();
  const mfa = page.getByRole("group", { name: "Add MFA code" });
  await mfa.getByLabel("Code").fill("１２３");
  await mfa.getByRole("button", { name: "Add", exact: true }).click();
  await expect(mfa.getByText("A code has 4 to 16 digits.")).toBeVisible();
  await mfa.getByLabel("Code").fill("２４６８");
  await mfa.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByText("MFA code added.")).toBeVisible();
  await expect(page.getByRole("listitem", { name: "MFA code 2" }).getByTestId("masked-code")).toHaveText("••••");
  await page.getByRole("listitem", { name: "MFA code 2" }).getByRole("button", { name: "Reveal" }).click();
  await expect(page.getByRole("listitem", { name: "MFA code 2" }).getByTestId("revealed-code")).toHaveText("2468");
});

test("keyboard only: add a user, a card and a Generated MFA code, then Reveal it", async ({ page }) => {
  test.setTimeout(180_000);
  const owner = newPerson("access-keys");
  await signUp(page, owner);
  await enableTotp(page, (key) => codeAt(key));
  const projectId = await newProject(page, `Keyboard ${owner.name}`);
  await page.goto(`/projects/${projectId}/access`);

  // Tab to the Name field of Add user, type, and submit with Enter.
  const name = page.getByRole("region", { name: "Add user" }).getByLabel("Name");
  await tabUntilFocused(page, name);
  await page.keyboard.type("Keyboard Person");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Keyboard Person", level: 2 })).toBeVisible();

  const facility = page.getByRole("form", { name: "Add card" }).getByLabel("Facility code");
  await tabUntilFocused(page, facility);
  await page.keyboard.type("7");
  await page.keyboard.press("Tab");
  await page.keyboard.type("700");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Facility 7 · Card 700")).toBeVisible();

  const generate = page.getByRole("group", { name: "Add MFA code" }).getByRole("button", { name: "Generate" });
  await tabUntilFocused(page, generate);
  await page.keyboard.press("Enter");
  const code = (await page.getByTestId("generated-code").innerText()).trim();
  expect(code).toMatch(/^[0-9]{6}$/);
  const done = page.getByRole("button", { name: "Done" });
  await tabUntilFocused(page, done);
  await page.keyboard.press("Enter");

  const reveal = page.getByRole("listitem", { name: "MFA code 1" }).getByRole("button", { name: "Reveal" });
  await tabUntilFocused(page, reveal);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("listitem", { name: "MFA code 1" }).getByTestId("revealed-code")).toHaveText(code);
  await expect(sudoPrompt(page)).toHaveCount(0);
});

/** Presses Tab (at most 80 times) until `target` has focus: the page is usable without a mouse. */
async function tabUntilFocused(page: import("@playwright/test").Page, target: import("@playwright/test").Locator) {
  for (let i = 0; i < 80; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("Tab never reached the element");
}
