import { expect, test, type Page } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { chooseRecoveryCode, enableTotp, enableTotpWithRecoveryCodes, newPerson, signIn, signOut, signUp } from "./fixtures";

/** The code an authenticator shows `offsetSeconds` from now, computed from the setup key. */
const codeAt = (secret: string, offsetSeconds = 0) => generateTotp(secret, new Date(Date.now() + offsetSeconds * 1000));

const DAY = 86_400_000;
const trustCookie = async (page: Page) => {
  const cookie = (await page.context().cookies()).find((candidate) => candidate.name === "tessera-trust");
  if (!cookie) throw new Error("no trust cookie");
  return cookie;
};

const levelControl = (page: Page) => page.getByRole("group", { name: "Ask for my second factor" });
const trusted = (page: Page) => page.getByTestId("trusted-computers");

async function expectChallenged(page: Page) {
  await expect(page).toHaveURL(/\/sign-in\/verify/);
  await expect(page.getByLabel("Authentication code")).toBeVisible();
}

async function passChallenge(page: Page, code: string) {
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/security/);
}

test("Once per computer: one challenge for two sign-ins; after Revoke, the next sign-in is challenged", async ({ page }) => {
  test.setTimeout(180_000);
  const person = newPerson("once");
  await signUp(page, person);

  // Without a factor only Disabled can be chosen: the control is there, disabled, with a hint.
  await page.goto("/security");
  await expect(levelControl(page).getByRole("radio", { name: "Disabled", exact: true })).toBeChecked();
  for (const name of ["Disabled", "Once per computer", "Every login"]) {
    await expect(levelControl(page).getByRole("radio", { name, exact: true })).toBeDisabled();
  }
  await expect(page.getByText("Turn on two-factor authentication above to choose Once per computer or Every login.")).toBeVisible();

  // Turning 2FA on sets Every login; the person picks Once per computer (the sign-in moments ago is sudo).
  const secret = await enableTotp(page, (key) => codeAt(key));
  await expect(levelControl(page).getByRole("radio", { name: "Every login", exact: true })).toBeChecked();
  await levelControl(page).getByRole("radio", { name: "Once per computer", exact: true }).check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "asked once on each computer" })).toBeVisible();
  await expect(trusted(page).getByText("No trusted computers yet.")).toBeVisible();
  await signOut(page);

  // First sign-in: challenged, and this browser becomes trusted.
  await signIn(page, person.email, person.password);
  await expectChallenged(page);
  await passChallenge(page, codeAt(secret, 30));
  const entries = trusted(page).getByRole("listitem");
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText("This browser");
  // HttpOnly, SameSite=Lax, for 30 days (not Secure: this runs on plain http://localhost).
  const first = await trustCookie(page);
  expect(first).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  expect(first.expires * 1000 - Date.now()).toBeGreaterThan(30 * DAY - 5 * 60_000);
  expect(first.expires * 1000 - Date.now()).toBeLessThanOrEqual(30 * DAY);
  await signOut(page);

  // Second sign-in: the password is enough on this computer, and the token was swapped.
  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL(/\/security/);
  await expect(entries).toHaveCount(1);
  expect((await trustCookie(page)).value).not.toBe(first.value);

  // Revoke it: the third sign-in is challenged again.
  await entries.first().getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(trusted(page).getByRole("status")).toContainText("no longer trusted");
  await expect(entries).toHaveCount(0);
  await signOut(page);
  await signIn(page, person.email, person.password);
  await expectChallenged(page);
});

test("Every login: challenged at each sign-in, and no computer becomes trusted", async ({ page }) => {
  test.setTimeout(180_000);
  const person = newPerson("every");
  await signUp(page, person);
  const { secret, recoveryCodes } = await enableTotpWithRecoveryCodes(page, (key) => codeAt(key));
  await expect(levelControl(page).getByRole("radio", { name: "Every login", exact: true })).toBeChecked();
  await signOut(page);

  await signIn(page, person.email, person.password);
  await expectChallenged(page);
  await passChallenge(page, codeAt(secret, 30));
  await expect(trusted(page)).toHaveCount(0);
  await signOut(page);

  await signIn(page, person.email, person.password);
  await expectChallenged(page);
  // The code of the first sign-in cannot be used twice; a recovery code completes this one.
  await chooseRecoveryCode(page);
  await page.getByLabel("Recovery code").fill(recoveryCodes[0]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/security/);
  await expect(trusted(page)).toHaveCount(0);
});
