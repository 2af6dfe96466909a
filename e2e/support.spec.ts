import { expect, test } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { signIn } from "./fixtures";

test("support staff without two-factor are led to enrol before the support console opens", async ({ page }) => {
  // The seeded support account (prisma/seed.ts) starts without a factor, as a new staff member does.
  await signIn(page, "support@demo.tessera", "tessera-support-demo");
  await expect(page).toHaveURL(/\/security/);

  await page.goto("/support");
  await expect(page).toHaveURL(/\/security\?required=support/);
  await expect(page.getByText("The support console is locked.")).toBeVisible();
  await expect(page.getByText(/needs two-factor authentication/)).toBeVisible();

  await page.getByRole("button", { name: "Enable two-factor authentication" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  await page.getByLabel("Authentication code").fill(generateTotp(secret, new Date()));
  await page.getByRole("button", { name: "Verify" }).click();
  await page.getByLabel("I have saved my recovery codes").check();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText("The support console is locked.")).toHaveCount(0);

  await page.goto("/support");
  await expect(page).toHaveURL(/\/support/);
  await expect(page.getByRole("heading", { name: "Support", level: 1 })).toBeVisible();
  await expect(page.getByTestId("audit-results")).toBeVisible();
});
