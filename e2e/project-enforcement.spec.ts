import { expect, test, type Page } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { arrangeProject, enableTotpWithRecoveryCodes, newPerson, newProject, signIn, signOut, signUp } from "./fixtures";

/**
 * Enforcement on every access to a project (issue item 5), in the browser: a member without a
 * method that counts is led through enrolment and lands where they were going; Secure methods
 * only offers no phone; under Every login a trusted computer is not enough. The project's policy
 * is set through the development-only route (app/dev/project-setup, e2e/fixtures.ts arrangeProject), since the
 * settings page and its confirmation have their own journeys.
 */

/** The code an authenticator shows `offsetSeconds` from now, computed from the setup key. */
const codeAt = (secret: string, offsetSeconds = 0) => generateTotp(secret, new Date(Date.now() + offsetSeconds * 1000));

const methodChoices = (page: Page) => page.getByRole("group", { name: "Which method do you want to set up?" });

test("a member without 2FA is led through enrolment, picks the authenticator app, and then sees the page they asked for", async ({ page }) => {
  test.setTimeout(180_000);
  const person = newPerson("enrol");
  await signUp(page, person);
  const name = `Apollo ${person.email.slice(6, 16)}`;
  const projectId = await newProject(page, name);
  await arrangeProject(page, projectId, { requiredLevel: "once_per_computer" });

  const asked = `/projects/${projectId}?from=bookmark`;
  await page.goto(asked);
  await expect(page).toHaveURL(`/projects/${projectId}/enrol?next=${encodeURIComponent(asked)}`);
  await expect(page.getByRole("heading", { name: "Set up two-factor authentication", level: 1 })).toBeVisible();
  await expect(page.getByText(`${name} requires two-factor authentication (Once per computer). Set up a method to continue.`)).toBeVisible();
  // Nothing of the project before: no sections, no overview.
  await expect(page.getByRole("navigation", { name: "Project" })).toHaveCount(0);
  await expect(page.getByText("Two-factor requirement")).toHaveCount(0);

  // The member picks the method: every kind is offered here, the app first.
  const choices = methodChoices(page);
  await expect(choices.getByRole("radio")).toHaveCount(3);
  await expect(choices.getByRole("radio", { name: /^Text message or phone call/ })).toBeVisible();
  await expect(choices.getByRole("radio", { name: /^Authenticator app/ })).toBeChecked();
  await page.getByRole("button", { name: "Continue", exact: true }).click();

  // The Security page's own setup, its recovery codes kept before going on.
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  await page.getByLabel("Authentication code").fill(codeAt(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(16);
  await expect(page).toHaveURL(/\/enrol\?next=/);
  await page.getByLabel("I have saved my recovery codes").check();
  await page.getByRole("button", { name: "Done" }).click();

  await expect(page.getByText("Two-factor authentication is set up.")).toBeVisible();
  await page.getByRole("link", { name: `Continue to ${name}` }).click();
  // Where the member was going, and no second ask: confirming the app was passing it.
  await expect(page).toHaveURL(asked);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByText("Everyone in this project needs two-factor authentication: Once per computer.")).toBeVisible();

  // Compliant now: the enrolment page sends the member on.
  await page.goto(`/projects/${projectId}/enrol`);
  await expect(page).toHaveURL(`/projects/${projectId}`);
});

test("with Secure methods only, the enrolment page offers no text message or voice call, in English and in Japanese", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const person = newPerson("secure");
  await signUp(page, person);
  const name = `Hermes ${person.email.slice(7, 17)}`;
  const projectId = await newProject(page, name);
  await arrangeProject(page, projectId, { requiredLevel: "every_login", secureMethodsOnly: true });

  await page.goto(`/projects/${projectId}`);
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/enrol\\?next=`));
  await expect(page.getByText("Text messages and voice calls do not count.")).toBeVisible();
  const choices = methodChoices(page);
  await expect(choices.getByRole("radio")).toHaveCount(2);
  await expect(choices.getByRole("radio", { name: /^Authenticator app/ })).toBeChecked();
  await expect(choices.getByRole("radio", { name: /^Security key or passkey/ })).toBeVisible();
  await expect(choices.getByText(/Text message|phone call/)).toHaveCount(0);

  // The same page for a browser that asks for Japanese (the person chose no language).
  const japanese = await browser.newContext({ storageState: await page.context().storageState(), locale: "ja-JP" });
  const ja = await japanese.newPage();
  await ja.goto(`/projects/${projectId}`);
  await expect(ja.getByRole("heading", { name: "二要素認証を設定してください", level: 1 })).toBeVisible();
  await expect(ja.getByText(`${name} では二要素認証（ログインごと）が必須です。`, { exact: false })).toBeVisible();
  await expect(ja.getByRole("group", { name: "どの方法を設定しますか？" }).getByRole("radio")).toHaveCount(2);
  await expect(ja.locator("body")).not.toHaveText(/projectAccess\.|security\.twoFactor/);
  await japanese.close();
});

test("Every login: a member who signed in on a trusted computer verifies before seeing the project", async ({ page }) => {
  test.setTimeout(240_000);
  const person = newPerson("trusted");
  await signUp(page, person);
  const { secret, recoveryCodes } = await enableTotpWithRecoveryCodes(page, (key) => codeAt(key));
  // The member's own level: asked once per computer.
  await page.getByRole("group", { name: "Ask for my second factor" }).getByRole("radio", { name: "Once per computer", exact: true }).check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "asked once on each computer" })).toBeVisible();
  const name = `Iris ${person.email.slice(8, 18)}`;
  const projectId = await newProject(page, name);
  await arrangeProject(page, projectId, { requiredLevel: "every_login" });
  await signOut(page);

  // First sign-in: challenged, and this browser becomes trusted; the second needs no code.
  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL(/\/sign-in\/verify/);
  await page.getByLabel("Authentication code").fill(codeAt(secret, 30));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/security/);
  await signOut(page);
  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL(/\/security/);

  // The project asks at every login: the trusted computer is not enough.
  const asked = `/projects/${projectId}`;
  await page.goto(asked);
  await expect(page).toHaveURL(`/projects/${projectId}/verify?next=${encodeURIComponent(asked)}`);
  await expect(page.getByRole("heading", { name: "Confirm your second factor", level: 1 })).toBeVisible();
  await expect(page.getByText(`${name} asks for your second factor at every sign-in.`, { exact: false })).toBeVisible();
  await expect(page.getByRole("heading", { name, level: 1 })).toHaveCount(0);

  // The app's code of the sign-in was used; a recovery code (the same enrolment's fallback) counts.
  const prompt = page.getByRole("group", { name: "Confirm it is you" });
  await expect(prompt.getByLabel("Authentication code")).toBeVisible();
  await prompt.getByRole("button", { name: "Try another way" }).click();
  await prompt.getByRole("button", { name: "Use a recovery code" }).click();
  await prompt.getByLabel("Recovery code").fill(recoveryCodes[0]!);
  await prompt.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(asked);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
});
