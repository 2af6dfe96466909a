import { expect, test, type Page } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { chooseRecoveryCode, endSudo, formAlert, newPerson, signedInTwice, signIn, signUp } from "./fixtures";

const wrongCode = (secret: string) => (generateTotp(secret, new Date()) === "000000" ? "111111" : "000000");

/** Starts enrolment on /security (inside the sudo window of a fresh sign-up); returns the setup key. */
async function startEnrolment(page: Page) {
  await page.goto("/security");
  await page.getByRole("button", { name: "Enable two-factor authentication" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  return (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
}

async function finishEnrolment(page: Page, secret: string) {
  await page.getByLabel("Authentication code").fill(generateTotp(secret, new Date()));
  await page.getByRole("button", { name: "Verify" }).click();
  await page.getByLabel("I have saved my recovery codes").check();
  await page.getByRole("button", { name: "Done" }).click();
}

test("enrolment on a phone: open the app, copy the key; focus follows Verify and Done; codes print", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signUp(page, newPerson("phone"));
  const secret = await startEnrolment(page);

  const open = page.getByRole("link", { name: "Open in authenticator app" });
  await expect(open).toHaveAttribute("href", new RegExp(`^otpauth://totp/.+secret=${secret}`));
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByText("Setup key copied.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  // A wrong code keeps what was typed and focuses the alert.
  const code = page.getByLabel("Authentication code");
  await code.fill(wrongCode(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(formAlert(page)).toContainText("not valid");
  await expect(formAlert(page)).toBeFocused();
  await expect(code).toHaveValue(wrongCode(secret));

  await code.fill(generateTotp(secret, new Date()));
  await page.getByRole("button", { name: "Verify" }).click();
  const codes = page.getByTestId("recovery-codes");
  await expect(page.getByText(/Save these recovery codes/)).toBeFocused();

  // Print shows the codes and only them (the print CSS once hid them too).
  await page.emulateMedia({ media: "print" });
  await expect(codes).toBeVisible();
  await expect(codes.getByRole("listitem")).toHaveCount(16);
  for (const item of await codes.getByRole("listitem").all()) await expect(item).toBeVisible();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await page.screenshot({ path: "/tmp/ui-shots/print-recovery-codes.png", fullPage: true }).catch(() => undefined);
  await page.emulateMedia({ media: "screen" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

  await page.getByLabel("I have saved my recovery codes").check();
  await page.getByRole("button", { name: "Done" }).click();
  const notice = page.getByRole("status").filter({ hasText: "Two-factor authentication is on." });
  await expect(notice).toBeFocused();
});

test("revoking a session asks first, then announces it and keeps focus", async ({ browser }) => {
  const { first, second, pageA, sessions, other } = await signedInTwice(browser, "revokeask");
  await other.getByRole("button", { name: "Revoke" }).click();
  // Cancel backs out and changes nothing.
  await other.getByRole("button", { name: "Cancel" }).click();
  await expect(sessions).toHaveCount(2);
  await other.getByRole("button", { name: "Revoke" }).click();
  await other.getByRole("button", { name: "Revoke session" }).click();
  await expect(sessions).toHaveCount(1);
  await expect(pageA.getByRole("status").filter({ hasText: "Session revoked." })).toBeFocused();
  await first.close();
  await second.close();
});

test("locked 2FA: the challenge and the sudo prompt say how long, and stay disabled until then", async ({ browser }) => {
  test.setTimeout(240_000);
  const person = newPerson("locked");
  const owner = await (await browser.newContext()).newPage();
  await signUp(owner, person);
  const secret = await startEnrolment(owner);
  await finishEnrolment(owner, secret);
  await expect(owner.getByText("Enabled", { exact: true })).toBeVisible();

  const attacker = await (await browser.newContext()).newPage();
  await attacker.clock.install(); // time flows as usual until fast-forwarded below
  const expected = ["not valid", "3 attempts left", "2 attempts left", "1 attempt left"];
  for (const round of [1, 2]) {
    await signIn(attacker, person.email, person.password);
    await expect(attacker).toHaveURL(/\/sign-in\/verify$/);
    const field = attacker.getByLabel("Authentication code");
    for (const [attempt, text] of expected.entries()) {
      await field.fill(wrongCode(secret));
      await attacker.getByRole("button", { name: "Verify" }).click();
      await expect(formAlert(attacker)).toContainText(text);
      if (round === 1 && attempt === 0) {
        // The challenge form keeps the code and focuses the alert.
        await expect(formAlert(attacker)).toBeFocused();
        await expect(field).toHaveValue(wrongCode(secret));
      }
    }
    await field.fill(wrongCode(secret));
    await attacker.getByRole("button", { name: "Verify" }).click();
    await expect(formAlert(attacker)).toContainText(round === 1 ? "Sign in again" : "locked");
  }
  // Ten wrong codes in a row: locked for 15 minutes, counted down from the server's lockedUntil.
  await expect(formAlert(attacker)).toContainText("Try again in 15 minutes.");
  await expect(attacker.getByLabel("Authentication code")).toBeDisabled();
  await expect(attacker.getByRole("button", { name: "Verify" })).toBeDisabled();

  // The recovery-code page is locked alike.
  await signIn(attacker, person.email, person.password);
  await chooseRecoveryCode(attacker);
  await attacker.getByLabel("Recovery code").fill("aaaaa-bbbbb-ccccc");
  await attacker.getByRole("button", { name: "Verify" }).click();
  await expect(formAlert(attacker)).toContainText(/Try again in 1[45] minutes\./);
  await expect(attacker.getByLabel("Recovery code")).toBeDisabled();
  await expect(attacker.getByRole("button", { name: "Verify" })).toBeDisabled();
  // The countdown follows the clock, and the form opens again when the lock ends.
  await attacker.clock.fastForward("05:00");
  await expect(formAlert(attacker)).toContainText("Try again in 10 minutes.");
  await expect(attacker.getByLabel("Recovery code")).toBeDisabled();
  await attacker.clock.fastForward("10:00");
  await expect(attacker.getByRole("status").filter({ hasText: "The lock has ended." })).toBeVisible();
  await expect(attacker.getByLabel("Recovery code")).toBeEnabled();

  // The owner's sudo prompt answers the same way.
  await endSudo(owner);
  await owner.goto("/security");
  const card = owner.getByRole("region", { name: "Recovery codes" });
  await card.getByRole("button", { name: "Regenerate" }).click();
  await card.getByRole("button", { name: "Regenerate" }).click();
  const prompt = owner.getByRole("group", { name: "Confirm it is you" });
  await prompt.getByLabel("Authentication code").fill(generateTotp(secret, new Date()));
  await prompt.getByRole("button", { name: "Verify" }).click();
  await expect(prompt.getByRole("alert")).toContainText(/Try again in 1[45] minutes\./);
  await expect(prompt.getByLabel("Authentication code")).toBeDisabled();
  await expect(prompt.getByRole("button", { name: "Verify" })).toBeDisabled();
  await expect(prompt.getByRole("button", { name: "Try another way" })).toBeDisabled();
  await expect(prompt.getByRole("button", { name: "Cancel" })).toBeEnabled();
});
