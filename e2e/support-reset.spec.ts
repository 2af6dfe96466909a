import { expect, test, type Browser } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { arrangeProject, becomeStaff, enableTotpWithRecoveryCodes, expectNoViolations, latestEmail, newPerson, newProject, signIn, signUp } from "./fixtures";

const REASON = "Identity checked by video call against the passport on file";

/** A support admin with an authenticator (the console needs one), in their own browser. */
async function supportAdmin(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, newPerson("admin"));
  await enableTotpWithRecoveryCodes(page, (secret) => generateTotp(secret, new Date()));
  await becomeStaff(page, "support_admin");
  return { context, page };
}

test("a support admin resets a person's 2FA; the person signs in with the temporary access code and must enrol in their project", async ({ browser }) => {
  test.setTimeout(120_000);
  // The person: an authenticator, and a project of theirs that requires 2FA.
  const personContext = await browser.newContext();
  const personPage = await personContext.newPage();
  const person = newPerson("reset");
  await signUp(personPage, person);
  await enableTotpWithRecoveryCodes(personPage, (secret) => generateTotp(secret, new Date()));
  const projectId = await newProject(personPage, "Reset journey");
  await arrangeProject(personPage, projectId, { requiredLevel: "every_login" });

  const admin = await supportAdmin(browser);
  const page = admin.page;
  await page.goto("/support/resets");
  await page.getByLabel("Person's email").fill(person.email);
  await page.getByRole("button", { name: "Find" }).click();
  const reset = page.getByRole("region", { name: "Reset two-factor authentication", exact: true });
  await expectNoViolations(page);
  // The reason is required.
  await reset.getByRole("button", { name: "Reset two-factor authentication" }).click();
  await expect(reset.getByText("Write a reason of 10 to 500 characters.").first()).toBeVisible();
  await reset.getByLabel("Reason").fill(REASON);
  await reset.getByRole("button", { name: "Reset two-factor authentication" }).click();
  const code = (await page.getByTestId("temporary-access-code").innerText()).trim();
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expectNoViolations(page);
  await page.goto("/support/resets");
  await expect(page.getByTestId("reset-list").getByText(person.email).first()).toBeVisible();

  // The person was signed out everywhere and told, without the code.
  const email = await latestEmail(personPage, person.email, /Support reset two-factor authentication/);
  expect(email).not.toContain(code);
  await personPage.goto("/security");
  await expect(personPage).toHaveURL(/\/sign-in/);

  // The password alone is not enough; the code is.
  await signIn(personPage, person.email, person.password);
  await expect(personPage.getByRole("heading", { name: "Enter your temporary access code" })).toBeVisible();
  await expectNoViolations(personPage);
  await personPage.getByLabel("Temporary access code").fill("AAAA-BBBB-CCCC");
  await personPage.getByRole("button", { name: "Verify" }).click();
  await expect(personPage.getByText("That code is not valid. Check it and try again.").first()).toBeVisible();
  await personPage.getByLabel("Temporary access code").fill(code.toLowerCase());
  await personPage.getByRole("button", { name: "Verify" }).click();
  await expect(personPage).toHaveURL(/\/security/);
  await expect(personPage.getByText("Set up a new second factor")).toBeVisible();

  // Their project makes them enrol before anything else.
  await personPage.goto(`/projects/${projectId}`);
  await expect(personPage).toHaveURL(new RegExp(`/projects/${projectId}/enrol`));

  await admin.context.close();
  await personContext.close();
});

test("Require password change: the person's next sign-in must set a new password first", async ({ browser }) => {
  test.setTimeout(120_000);
  const personContext = await browser.newContext();
  const personPage = await personContext.newPage();
  const person = newPerson("pwchange");
  await signUp(personPage, person);

  const admin = await supportAdmin(browser);
  const page = admin.page;
  await page.goto(`/support/resets?email=${encodeURIComponent(person.email)}`);
  // Keyboard only: the reason field, then the button.
  const section = page.getByRole("region", { name: "Require password change", exact: true });
  await section.getByLabel("Reason").focus();
  await page.keyboard.type("Password found in a public credential dump");
  await page.keyboard.press("Tab");
  await expect(section.getByRole("button", { name: "Require password change" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(section.getByText(/Password change required/)).toBeVisible();

  await personPage.goto("/security");
  await expect(personPage).toHaveURL(/\/sign-in/);
  await signIn(personPage, person.email, person.password);
  await expect(personPage).toHaveURL(/\/sign-in\/new-password/);
  await personPage.goto("/projects");
  await expect(personPage).toHaveURL(/\/sign-in\/new-password/);
  await expectNoViolations(personPage);
  await personPage.getByLabel("New password", { exact: true }).fill(person.password);
  await personPage.getByLabel("Confirm new password").fill(person.password);
  await personPage.getByRole("button", { name: "Set new password" }).click();
  await expect(personPage.getByText("Choose a password that differs from your current one.")).toBeVisible();
  const next = "an altogether different passphrase 7";
  await personPage.getByLabel("New password", { exact: true }).fill(next);
  await personPage.getByLabel("Confirm new password").fill(next);
  await personPage.getByRole("button", { name: "Set new password" }).click();
  await expect(personPage).toHaveURL(/\/security/);

  await admin.context.close();
  await personContext.close();
});
