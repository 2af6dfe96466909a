import { expect, test } from "@playwright/test";
import { expectNoViolations, newPerson, signUp } from "./fixtures";

test("public pages have no WCAG A/AA violations", async ({ page }) => {
  for (const path of ["/sign-in", "/sign-up", "/sign-up/check-inbox", "/verify-email", "/confirm-email-change"]) {
    await page.goto(path);
    await expectNoViolations(page);
  }
});

test("signed-in pages have no WCAG A/AA violations, at desktop and phone width", async ({ page }) => {
  // Signing up now takes the emailed link and a sign-in, before six pages are analysed.
  test.setTimeout(120_000);
  await signUp(page, newPerson("a11y"));
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of ["/account", "/security", "/projects"]) {
      await page.goto(path);
      await expectNoViolations(page);
    }
    await page.goto("/security");
    await page.getByRole("button", { name: "Enable two-factor authentication" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByTestId("totp-secret")).toBeVisible();
    await expectNoViolations(page);
  }
});
