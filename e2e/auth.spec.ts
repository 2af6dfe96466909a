import { expect, test } from "@playwright/test";
import { formAlert, latestEmail, newPerson, signedInTwice, signIn, signOut, signUp, submitSignUp } from "./fixtures";

test("sign up, open the emailed link, then sign in; the link works once", async ({ page }) => {
  const person = newPerson("signup");
  await submitSignUp(page, person);
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  // Sign-up no longer signs anyone in: the account becomes usable from its email link.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in/);

  const email = await latestEmail(page, person.email, /confirm your email/i);
  const link = email.match(/https?:\/\/\S+\/verify-email\?token=[\w-]+/)?.[0];
  expect(link).toBeTruthy();
  await page.goto(link!);
  await page.getByRole("button", { name: "Verify email address" }).click();
  await expect(page.getByRole("heading", { name: "Email address verified" })).toBeVisible();

  // The same link works only once.
  await page.goto(link!);
  await page.getByRole("button", { name: "Verify email address" }).click();
  await expect(formAlert(page)).toContainText("invalid or has already been used");

  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL(/\/security/);
  await expect(page.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
  await page.goto("/account");
  await expect(page.getByText("Verified", { exact: true })).toBeVisible();
});

test("a wrong password is refused without saying whether the email exists", async ({ page }) => {
  const person = newPerson("wrongpw");
  await signUp(page, person);
  await signOut(page);

  await signIn(page, person.email, "not the right password");
  await expect(formAlert(page)).toContainText("Incorrect email or password.");
  await signIn(page, `nobody-${Date.now()}@example.test`, "not the right password");
  await expect(formAlert(page)).toContainText("Incorrect email or password.");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("sign-up answers a known address exactly like a new one; only the owner is told, by email", async ({ page }) => {
  // A seeded account that no other test emails: an account signed up here would have been sent
  // its verification link a moment ago, and the one-email-a-minute limit would hold the notice back.
  const owner = { name: "Olive Owner", email: "owner@demo.tessera", password: "tessera-owner-demo" }; // prisma/seed.ts

  await submitSignUp(page, { ...newPerson("fresh"), name: "Someone Else" });
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const answerForNew = await page.locator("main").innerText();
  await submitSignUp(page, { name: "Someone Else", email: owner.email.toUpperCase(), password: "another decent password" });
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  expect(await page.locator("main").innerText()).toBe(answerForNew);

  const notice = await latestEmail(page, owner.email, /someone tried to sign up/i);
  expect(notice).toContain(owner.name);
  // The existing account is untouched: its own password still works, the other one does not.
  await signIn(page, owner.email, "another decent password");
  await expect(formAlert(page)).toContainText("Incorrect email or password.");
  await signIn(page, owner.email, owner.password);
  await expect(page).toHaveURL(/\/security/);
});

test("a revoked session is dead on its next request", async ({ browser }) => {
  const { first, second, pageA, pageB, sessions, other } = await signedInTwice(browser, "revoke");
  await other.getByRole("button", { name: "Revoke" }).click();
  await other.getByRole("button", { name: "Revoke session" }).click();
  await expect(sessions).toHaveCount(1);

  await pageB.goto("/security");
  await expect(pageB).toHaveURL(/\/sign-in/);
  await first.close();
  await second.close();
});

test("sign-in only redirects to same-origin paths", async ({ page }) => {
  const person = newPerson("redirect");
  await signUp(page, person);
  await signOut(page);

  await page.goto("/sign-in?callbackUrl=https://evil.example/steal");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/localhost:\d+\/security/);
});

test("pages carry the security headers and health reports the database", async ({ page, request }) => {
  const response = await page.goto("/sign-in");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-content-type-options"]).toBe("nosniff");

  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect((await health.json()).database.status).toBe("up");
});
