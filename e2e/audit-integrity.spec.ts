import { expect, test } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { becomeStaff, enableTotpWithRecoveryCodes, expectNoViolations, newPerson, signUp } from "./fixtures";

/**
 * The console's Integrity page (issue 11 §2, §7): support staff see the chain's state and the
 * signing key, run Verify now with the keyboard alone, and export an audit bundle.
 * SCREENSHOTS_DIR set: also saves the page at desktop and phone widths in English and Japanese.
 */
test("support staff verify the audit chain and export a bundle from the Integrity page", async ({ page }) => {
  const staff = newPerson("integrity");
  await signUp(page, staff);
  await enableTotpWithRecoveryCodes(page, (secret) => generateTotp(secret, new Date()));
  await becomeStaff(page, "support");

  await page.goto("/support/integrity");
  await expect(page.getByRole("heading", { name: "Audit log integrity", level: 1 })).toBeVisible();
  await expect(page.getByTestId("audit-key-fingerprint")).toHaveText(/^SHA256:([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
  await expectNoViolations(page);

  // Keyboard alone: tab to Verify now and press Enter.
  const verify = page.getByRole("button", { name: "Verify now" });
  for (let step = 0; step < 40 && !(await verify.evaluate((element) => element === document.activeElement)); step++) await page.keyboard.press("Tab");
  await expect(verify).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: /The chain verifies: \d+ events? checked\./ })).toBeVisible();
  await expect(page.getByTestId("audit-last-verification")).toContainText("Verified");
  await expect(page.getByTestId("audit-last-verification")).toContainText("console");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export audit bundle" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^tessera-audit-bundle-.*\.jsonl$/);

  const dir = process.env.SCREENSHOTS_DIR;
  if (dir) {
    for (const [locale, width] of [["en", 1280], ["en", 390], ["ja", 1280], ["ja", 390], ["de", 390]] as const) {
      await page.context().addCookies([{ name: "tessera-locale", value: locale, url: page.url() }]);
      await page.setViewportSize({ width, height: 900 });
      await page.reload();
      await page.screenshot({ path: `${dir}/integrity-${locale}-${width}.png`, fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${locale} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
    }
  }
});
