import { expect, test } from "@playwright/test";
import { formAlert, latestEmail, signIn, signOut } from "./fixtures";

test("a new email address is used only after its link is opened; until then the old one signs in", async ({ page }) => {
  test.setTimeout(120_000);
  // A seeded account (prisma/seed.ts) that no other test uses: one signed up here would have
  // just been sent its verification link, and the one-email-a-minute limit per account would
  // hold the change back.
  const person = { email: "member@demo.tessera", password: "tessera-member-demo" };
  const moved = `moved-${Date.now()}@example.test`;
  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL(/\/security/);

  await page.goto("/account");
  await page.getByLabel("New email address").fill(moved);
  await page.getByRole("button", { name: "Change email" }).click();
  await expect(page.getByText(`Your email address stays ${person.email} until you open it.`)).toBeVisible();
  await expect(page.getByText(/sign in instead/i)).toHaveCount(0);
  await expect(page.getByTestId("pending-email")).toContainText(moved);

  const notice = await latestEmail(page, person.email, /change of your tessera email address was requested/i);
  expect(notice).toContain(moved);
  await page.goto("/account");
  await signOut(page);
  await signIn(page, moved, person.password);
  await expect(formAlert(page)).toContainText("Incorrect email or password.");
  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL(/\/security/);
  await signOut(page);

  const email = await latestEmail(page, moved, /confirm your new email address/i);
  await page.goto(email.match(/https?:\/\/\S+\/confirm-email-change\?token=[\w-]+/)![0]);
  await page.getByRole("button", { name: "Confirm new email address" }).click();
  await expect(page.getByRole("heading", { name: "Email address verified" })).toBeVisible();
  await page.getByRole("link", { name: "Sign in" }).click();
  await signIn(page, moved, person.password);
  await expect(page).toHaveURL(/\/security/);
  await page.goto("/account");
  await expect(page.getByRole("definition").filter({ hasText: moved })).toContainText("Verified");
});
