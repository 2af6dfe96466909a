import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { enableTotp, newPerson, signUp } from "./fixtures";

test("recovery readiness: rated in words once two-factor is on, each finding linked to where it is fixed", async ({ page }) => {
  const person = newPerson("ready");
  await signUp(page, person);
  const card = page.getByRole("region", { name: "Recovery readiness" });
  await expect(card).toHaveCount(0);

  await enableTotp(page, (secret) => generateTotp(secret, new Date()));
  await page.reload();
  await expect(card).toBeVisible();
  await expect(card.getByText("Rating: Fair", { exact: true })).toBeVisible();
  const findings = card.getByRole("list", { name: "What to improve" }).getByRole("listitem");
  await expect(findings).toHaveCount(1);
  await expect(findings.first()).toContainText("Every way you sign in is on one phone");
  await expect(findings.first().getByRole("link", { name: "Add a security key" })).toHaveAttribute("href", "/security#security-keys");
  // The recovery codes card is a target too.
  await expect(page.locator("#recovery-codes").getByRole("region", { name: "Recovery codes" })).toBeVisible();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const { violations } = await new AxeBuilder({ page }).include("#recovery-readiness").withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(violations.map((violation) => violation.id)).toEqual([]);
  }
});
