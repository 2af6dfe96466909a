import fs from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { chooseRecoveryCode, enableTotp, endSudo, formAlert, latestEmail, newPerson, signIn, signOut, signUp, verifyEmailAddress } from "./fixtures";

/** The code an authenticator shows `offsetSeconds` from now, computed from the setup key. */
const codeAt = (secret: string, offsetSeconds = 0) => generateTotp(secret, new Date(Date.now() + offsetSeconds * 1000));


test("the authenticator journey: enable, sign in, replay refused, recovery codes, regenerate, sudo before disabling", async ({ page }) => {
  test.setTimeout(240_000);
  const person = newPerson("totp");
  await signUp(page, person);

  await page.goto("/security");
  await expect(page.getByText("Not enabled", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Enable two-factor authentication" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  await page.getByLabel("Authentication code").fill("000000" === codeAt(secret) ? "111111" : "000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(formAlert(page)).toContainText("not valid");
  await page.getByLabel("Authentication code").fill(codeAt(secret));
  await page.getByRole("button", { name: "Verify" }).click();

  const list = page.getByTestId("recovery-codes").getByRole("listitem");
  await expect(list).toHaveCount(16);
  const codes = await list.allInnerTexts();
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("tessera-recovery-codes.txt");
  const text = await fs.readFile(await download.path(), "utf8");
  for (const code of codes) expect(text).toContain(code);
  await page.getByLabel("I have saved my recovery codes").check();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText("Enabled", { exact: true })).toBeVisible();
  await expect(page.getByText("16 of 16 codes left")).toBeVisible();
  await signOut(page);

  // The enrolment used the current step; the app also accepts the next one (±1 step).
  const nextCode = codeAt(secret, 30);
  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL(/\/sign-in\/verify/);
  await page.goto("/security");
  await expect(page).toHaveURL(/\/sign-in\/verify/); // nothing else is reachable before the challenge
  await page.getByLabel("Authentication code").fill(nextCode);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/security/);
  await signOut(page);

  // The same code a second time is refused.
  await signIn(page, person.email, person.password);
  await page.getByLabel("Authentication code").fill(nextCode);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(formAlert(page)).toContainText("already been used");

  // A recovery code works once.
  await chooseRecoveryCode(page);
  await page.getByLabel("Recovery code").fill(codes[0]!.toUpperCase());
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/security/);
  await expect(page.getByText("15 of 16 codes left")).toBeVisible();
  await signOut(page);
  await signIn(page, person.email, person.password);
  await chooseRecoveryCode(page);
  await page.getByLabel("Recovery code").fill(codes[0]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(formAlert(page)).toContainText("already been used");
  await page.getByLabel("Recovery code").fill(codes[1]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/security/);

  // Regenerate: the session verified moments ago, so no prompt; the new set replaces the old.
  const card = page.getByRole("region", { name: "Recovery codes" });
  await card.getByRole("button", { name: "Regenerate" }).click();
  await card.getByRole("button", { name: "Regenerate" }).click();
  await expect(list).toHaveCount(16);
  const fresh = await list.allInnerTexts();
  expect(fresh).not.toContain(codes[2]);
  await page.getByLabel("I have saved my recovery codes").check();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText("16 of 16 codes left")).toBeVisible();

  // Past the sudo window, disabling asks for a code first.
  await endSudo(page);
  await page.getByRole("button", { name: "Disable two-factor authentication" }).click();
  await page.getByRole("button", { name: "Turn off" }).click();
  const prompt = page.getByRole("group", { name: "Confirm it is you" });
  await expect(prompt).toBeVisible();
  // This time step's code was used to sign in, so confirm with one of the new recovery codes.
  await prompt.getByRole("button", { name: "Try another way" }).click();
  await prompt.getByRole("button", { name: "Use a recovery code" }).click();
  await prompt.getByLabel("Recovery code").fill(fresh[0]!);
  await prompt.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("Not enabled", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Enable two-factor authentication" })).toBeVisible();

  const log = page.getByRole("list", { name: "Recent security events" });
  for (const event of ["Two-factor authentication disabled", "Identity confirmed for a sensitive change", "Recovery codes regenerated", "Recovery code used", "Signed in"]) {
    await expect(log.getByText(event).first()).toBeVisible();
  }
});

test("email login verification sends a code to enter after the password", async ({ page }) => {
  const person = newPerson("emailcode");
  await signUp(page, person);
  await verifyEmailAddress(page, person.email);

  await page.goto("/security");
  await page.getByRole("button", { name: "Turn on email login verification" }).click();
  await expect(page.getByText("Email login verification is on.")).toBeVisible();
  await signOut(page);

  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL(/\/sign-in\/verify/);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const email = await latestEmail(page, person.email, /code/i);
  const code = email.match(/\b\d{6}\b/)![0];

  await page.goto("/sign-in/verify");
  await page.getByLabel("Authentication code").fill(code === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(formAlert(page)).toContainText("not valid");
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/security/);
});

test("without JavaScript the challenge form still posts: a wrong code comes back with its message, the right one signs in", async ({ page, browser }) => {
  const person = newPerson("nojs");
  await signUp(page, person);
  const secret = await enableTotp(page, (key) => codeAt(key));
  await signOut(page);

  const context = await browser.newContext({ locale: "en-US", javaScriptEnabled: false });
  const plain = await context.newPage();
  await signIn(plain, person.email, person.password);
  await expect(plain).toHaveURL(/\/sign-in\/verify/);
  const right = codeAt(secret, 30);
  await plain.getByLabel("Authentication code").fill(right === "000000" ? "111111" : "000000");
  await plain.getByRole("button", { name: "Verify" }).click();
  await expect(plain).toHaveURL(/\/sign-in\/verify\?via=totp&failed=invalid_code$/);
  await expect(formAlert(plain)).toContainText("not valid");
  await plain.getByLabel("Authentication code").fill(right);
  await plain.getByRole("button", { name: "Verify" }).click();
  await expect(plain).toHaveURL(/\/security$/);
  await expect(plain.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();
  await context.close();
});
