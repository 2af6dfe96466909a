import { expect, test } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { becomeStaff, enableTotpWithRecoveryCodes, expectNoViolations, formAlert, latestEmail, newPerson, signIn, signOut, signUp } from "./fixtures";

const codeFor = (secret: string) => generateTotp(secret, new Date());
const MESSAGE = "I lost my phone with the authenticator app, and my recovery codes were in the same bag. I signed up in 2026 and work in the Apollo project.";

test("a person who lost every method files a recovery request; a support admin approves it", async ({ browser }) => {
  test.setTimeout(240_000);
  const person = newPerson("lost");
  // Not containing the account's address, so the outbox tells the two apart.
  const contact = person.email.replace("@example.test", ".backup@other.example");
  const personContext = await browser.newContext();
  const page = await personContext.newPage();
  await signUp(page, person);
  await enableTotpWithRecoveryCodes(page, codeFor);
  await signOut(page);

  // The password passes; the authenticator is gone. From the challenge, by keyboard alone.
  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL(/\/sign-in\/verify$/);
  await page.getByRole("link", { name: "Try another way" }).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("link", { name: "Lost every method and recovery code?" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Ask support to help you sign in" })).toBeVisible();
  await expect(page.getByLabel("Contact email")).toHaveValue(person.email);
  await expectNoViolations(page);

  // The message field has focus: too short first, then the real one; the contact address changes too.
  await expect(page.getByLabel("Message")).toBeFocused();
  await page.keyboard.type("Lost it all.");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Send request" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(formAlert(page).first()).toBeVisible();
  await expect(page.getByText("Write at least 20 characters")).toBeVisible();
  await expect(page.getByLabel("Message")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(MESSAGE);
  await page.keyboard.press("Shift+Tab");
  await expect(page.getByLabel("Contact email")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(contact);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Send request" })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/sign-in\/verify\/recovery-request\/filed$/);
  await expect(page.getByRole("heading", { name: "Your request has been sent" })).toBeVisible();
  await expect(page.getByText(contact)).toBeVisible();
  await expect(page.getByText("Support will never ask for your password")).toBeVisible();
  await expectNoViolations(page);
  // The sign-in is still waiting for its second step: the challenge is where it stands.
  await page.goto("/security");
  await expect(page).toHaveURL(/\/sign-in\/verify$/);

  const confirmation = await latestEmail(page, person.email, /We received your request for help signing in/);
  expect(confirmation).toContain("This wasn't me");
  expect(await latestEmail(page, contact, /We received your request for help signing in/)).toContain("Support will never ask for your password");

  // A support admin with an authenticator of their own.
  const admin = newPerson("admin");
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signUp(adminPage, admin);
  await enableTotpWithRecoveryCodes(adminPage, codeFor);
  await becomeStaff(adminPage, "support_admin");

  await adminPage.goto("/support");
  await adminPage.getByRole("link", { name: /^Cases/ }).click();
  await expect(adminPage.getByRole("heading", { name: "Cases", level: 1 })).toBeVisible();
  const entry = adminPage.getByTestId("support-cases").getByRole("listitem").filter({ hasText: person.email });
  await expect(entry).toContainText("Open");
  await expect(entry).toContainText(contact);
  await expectNoViolations(adminPage);
  await entry.getByRole("link", { name: "Recovery request" }).click();

  await expect(adminPage.getByRole("heading", { name: "Recovery request", level: 1 })).toBeVisible();
  await expect(adminPage.getByTestId("case-message")).toHaveText(MESSAGE);
  await expect(adminPage.getByTestId("case-trail")).toContainText("Support case opened");
  await expect(adminPage.getByRole("region", { name: "Two-factor authentication now" })).toContainText("Authenticator app");
  await expectNoViolations(adminPage);
  const caseId = new URL(adminPage.url()).pathname.split("/").at(-1)!;

  await adminPage.getByRole("button", { name: "Approve" }).click();
  await expect(adminPage.getByText("Write a note for the person.")).toBeVisible();
  await adminPage.getByLabel("Note to the person").fill("We confirmed it is you by video call on Tuesday.");
  await adminPage.getByRole("button", { name: "Approve" }).click();
  // The decision takes the form's place.
  await expect(adminPage.getByRole("heading", { name: "Decision" })).toBeVisible();
  await adminPage.reload();
  await expect(adminPage.getByText(`Approved by ${admin.email}`)).toBeVisible();
  await expect(adminPage.getByTestId("case-trail")).toContainText("Support case approved");
  await expect(adminPage.getByRole("link", { name: "Reset two-factor authentication" })).toHaveAttribute("href", new RegExp(`/support/people/[0-9a-f-]{36}\\?case=${caseId}$`));
  await expectNoViolations(adminPage);

  await adminPage.goto("/support/cases?state=approved");
  await expect(adminPage.getByTestId("support-cases").getByRole("listitem").filter({ hasText: person.email })).toContainText("Approved");

  const approval = await latestEmail(page, contact, /Your recovery request was approved/);
  expect(approval).toContain("temporary access code");
  expect(approval).toContain("We confirmed it is you by video call on Tuesday.");

  await personContext.close();
  await adminContext.close();
});
