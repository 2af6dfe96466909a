import crypto from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { formAlert, newPerson, signIn, signOut, signUp } from "./fixtures";

/** A message key shown instead of words ("phone.card.title") means a translation is missing. */
const RAW_KEY = /\b(?:common|errors|validation|auth|security|phone|notices)\.[a-z]+[A-Za-z_.]*\b/;
const expectNoRawKeys = (part: Locator) => expect(part).not.toHaveText(RAW_KEY);

/** A Japanese mobile number of this test's own: typed as a person would, and as it is dialled. */
function newNumber() {
  // 090-0xxx-xxxx is not a valid Japanese mobile range; 090-1000-0000 to 090-9999-9999 are.
  const digits = crypto.randomInt(10_000_000, 100_000_000).toString();
  return { typed: `+81 90-${digits.slice(0, 4)}-${digits.slice(4)}`, e164: `+8190${digits}`, shown: `+81 90 ${digits.slice(0, 4)} ${digits.slice(4)}`, hint: digits.slice(-2) };
}

/**
 * The codes texted to `e164`, newest first, read from the development outbox in a page of its
 * own (the security page keeps its half-done form). Waits until there are `count` of them.
 */
async function textedCodes(outbox: Page, e164: string, count: number): Promise<string[]> {
  const texts = outbox.getByRole("article").filter({ hasText: e164 });
  await expect(async () => {
    await outbox.goto("/dev/outbox");
    await expect(texts).toHaveCount(count, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const bodies = await texts.allInnerTexts();
  for (const body of bodies) expect(body).toMatch(/sms to/i);
  return bodies.map((body) => body.match(/#(\d{6})/)![1]!);
}

test("a number by text message: added with a code from the outbox, then a sign-in with a texted code", async ({ page }) => {
  // Rule 4 holds in the browser too: the sign-in's text waits out the 30 seconds since the enrolment's.
  test.setTimeout(180_000);
  const person = newPerson("phone");
  const number = newNumber();
  const outbox = await page.context().newPage();
  await signUp(page, person);

  await page.goto("/security");
  const card = page.getByRole("region", { name: "Text message and voice call" });
  await expect(card.getByText("Text messages and calls are less secure than an authenticator app or a security key.")).toBeVisible();
  await card.getByRole("button", { name: "Add a phone number" }).click();
  const field = card.getByLabel("Phone number");
  await expect(field).toBeFocused();

  // A national number is refused with what to do, and what was typed stays.
  await field.fill("090-1234-5678");
  await card.getByRole("button", { name: "Send code" }).click();
  await expect(card.getByText(/Include the country code, starting with \+/)).toBeVisible();
  await expect(field).toBeFocused();
  await expect(field).toHaveValue("090-1234-5678");

  await field.fill(number.typed);
  await card.getByRole("button", { name: "Send code" }).click();
  await expect(card.getByRole("heading", { name: `Verify ${number.shown}` })).toBeVisible();
  await expect(card.getByText(`We sent a text message with a 6-digit code to ${number.shown}.`)).toBeVisible();
  const [enrolmentCode] = await textedCodes(outbox, number.e164, 1);

  const code = card.getByLabel("Verification code");
  await expect(code).toBeFocused();
  await code.fill(enrolmentCode === "000000" ? "111111" : "000000");
  await card.getByRole("button", { name: "Verify" }).click();
  await expect(card.getByText(/That code is not valid/)).toBeVisible();
  await code.fill(enrolmentCode!);
  await card.getByRole("button", { name: "Verify" }).click();

  // The first factor comes with recovery codes, shown once.
  await expect(page.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(16);
  await page.getByLabel("I have saved my recovery codes").check();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(card.getByText(`Your number ending in ${number.hint} is verified.`, { exact: false })).toBeFocused();
  await expect(card.getByText(`Number ending in ${number.hint}`, { exact: true })).toBeVisible();
  await expect(card.getByText("Not used yet")).toBeVisible();
  // Now a fallback can be added beside it.
  await expect(card.getByRole("button", { name: "Add a fallback number" })).toBeEnabled();
  await signOut(page);

  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL(/\/sign-in\/verify/);
  await expect(page.getByText(`We send a 6-digit code to your number ending in ${number.hint}.`, { exact: false })).toBeVisible();
  const send = page.getByRole("button", { name: "Text me a code" });
  await expect(page.getByText(/You can ask for another code in \d+ seconds?\./)).toBeVisible();
  await expect(send).toBeDisabled();
  await expect(page.getByRole("button", { name: "Call me instead" })).toBeDisabled();
  await expect(send).toBeEnabled({ timeout: 45_000 });
  await send.click();
  await expect(page.getByText(`We sent a code by text message to the number ending in ${number.hint}.`)).toBeVisible();
  await expect(page.getByLabel("Verification code")).toBeFocused();
  await expect(page.getByRole("button", { name: "Send again" })).toBeDisabled();
  const [signInCode] = await textedCodes(outbox, number.e164, 2);

  const signInField = page.getByLabel("Verification code");
  await signInField.fill(signInCode === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(formAlert(page)).toContainText("That code is not valid");
  await expect(signInField).toHaveValue(signInCode === "000000" ? "111111" : "000000");
  await signInField.fill(signInCode!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/security/);
  await expect(card.getByText(/Last used/)).toBeVisible();
  await expect(card.getByText("Not used yet")).toBeHidden();
  await expectNoRawKeys(card);
  const log = page.getByRole("list", { name: "Recent security events" });
  await expect(log.getByText("Code sent to a phone").first()).toBeVisible();
  await outbox.close();
});

const shots = [
  { locale: "en-US", width: 1280, name: "en-desktop" },
  { locale: "ja-JP", width: 390, name: "ja-phone" },
  { locale: "de-DE", width: 390, name: "de-phone" },
];

for (const shot of shots) {
  test(`the phone card and the number form in ${shot.locale} at ${shot.width} pixels`, async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ locale: "en-US", viewport: { width: shot.width, height: 900 } });
    const page = await context.newPage();
    await signUp(page, newPerson(`phone-${shot.name}`));
    if (shot.locale !== "en-US") {
      await page.goto("/account");
      await page.getByRole("combobox", { name: /Language/ }).selectOption(shot.locale.slice(0, 2));
      await page.getByRole("button", { name: "Save language" }).click();
      await expect(page.getByRole("status")).toBeVisible();
    }
    await page.goto("/security#phone");
    const card = page.locator("#phone");
    await card.getByRole("button").first().click();
    await card.locator('input[name="phone"]').fill("+49 30 1234567");
    await card.locator('input[name="channel"][value="sms"]').check();
    await card.locator('button[type="submit"]').first().click();
    await expect(card.locator('input[name="phone"][aria-invalid="true"]')).toBeVisible();
    await expectNoRawKeys(card);
    await context.close();
  });
}
