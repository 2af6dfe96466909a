import { expect, test, type Page } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { arrangeProject, becomeStaff, enableTotpWithRecoveryCodes, expectNoViolations, newPerson, newProject, signIn, signOut, signUp } from "./fixtures";

const log = (page: Page) => page.getByTestId("audit-event-list").getByTestId("audit-event");

test("a person reads their whole security log, 25 events a page, older and newer, with the keyboard too", async ({ page }) => {
  const person = newPerson("log");
  await signUp(page, person);
  // Sign-up wrote 4 events about the person; each sign-out and sign-in 2 more: 26 in all.
  for (let n = 0; n < 11; n++) {
    await signOut(page);
    await signIn(page, person.email, person.password);
    await expect(page).toHaveURL(/\/security/);
  }
  await page.getByRole("link", { name: "View full security log" }).click();
  await expect(page).toHaveURL(/\/security\/log$/);
  await expect(page.getByRole("heading", { name: "Security log", level: 1 })).toBeVisible();
  await expect(log(page)).toHaveCount(25);
  await expect(log(page).first()).toContainText("Signed in");
  await expect(page.getByRole("link", { name: /Newer/ })).toHaveCount(0);
  await expectNoViolations(page);

  // Keyboard alone: Tab to "Older", Enter.
  for (let n = 0; n < 80; n++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.textContent ?? "")).includes("Older")) break;
  }
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/security\/log\?older=/);
  await expect(log(page)).toHaveCount(1);
  await expect(log(page).first()).toContainText("Account created");
  await expect(page.getByRole("link", { name: /Older/ })).toHaveCount(0);

  await page.getByRole("link", { name: /Newer/ }).click();
  await expect(log(page)).toHaveCount(25);
  await expect(page.getByRole("link", { name: /Newer/ })).toHaveCount(0);
});

test("a project admin reads the project's audit log; a plain member gets no tab and a 404", async ({ page }) => {
  const [owner, admin, member] = [newPerson("owner"), newPerson("admin"), newPerson("member")];
  for (const person of [admin, member]) {
    await signUp(page, person);
    await signOut(page);
  }
  await signUp(page, owner);
  const projectId = await newProject(page, "Audited kiln");
  await arrangeProject(page, projectId, { email: admin.email, role: "admin" });
  await arrangeProject(page, projectId, { email: member.email, role: "member" });
  await signOut(page);

  await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/security/);
  await page.goto(`/projects/${projectId}`);
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/audit$`));
  await expect(log(page).filter({ hasText: "Project created" })).toHaveCount(1);
  await expect(log(page).filter({ hasText: "Member joined" })).toHaveCount(2);
  await expect(log(page).filter({ hasText: `About ${member.name}` })).toHaveCount(1);
  await expectNoViolations(page);
  await signOut(page);

  await signIn(page, member.email, member.password);
  await expect(page).toHaveURL(/\/security/);
  await page.goto(`/projects/${projectId}`);
  await expect(page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Members" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  const response = await page.goto(`/projects/${projectId}/audit`);
  expect(response?.status()).toBe(404);
});

test("support staff open a person's page: account, methods, sessions, projects, recent events", async ({ page }) => {
  const person = newPerson("subject");
  await signUp(page, person);
  await enableTotpWithRecoveryCodes(page, (secret) => generateTotp(secret, new Date()));
  await signOut(page);

  const staff = newPerson("staff");
  await signUp(page, staff);
  await enableTotpWithRecoveryCodes(page, (secret) => generateTotp(secret, new Date()));
  await becomeStaff(page, "support");
  await page.goto(`/support/people?email=${encodeURIComponent(person.email)}`);
  await expect(page).toHaveURL(/\/support\/people\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: person.name, level: 1 })).toBeVisible();
  const account = page.getByRole("region", { name: "Account", exact: true });
  await expect(account.getByText("Enabled", { exact: true })).toBeVisible();
  await expect(account.getByText("Every login")).toBeVisible();
  await expect(page.getByRole("region", { name: "Two-factor methods" }).getByText("Authenticator app")).toBeVisible();
  // The person signed out: their one session shows as ended.
  await expect(page.getByTestId("person-sessions").getByText("Ended")).toHaveCount(1);
  const events = page.getByRole("region", { name: "Recent events" });
  await expect(events.getByRole("link", { name: "Two-factor authentication enabled" })).toHaveAttribute("href", /^\/support\/events\/[0-9a-f-]{36}$/);
  await expect(events.getByRole("link", { name: `Search all events for ${person.email}` })).toHaveAttribute("href", `/support?email=${encodeURIComponent(person.email)}`);
  await expect(page.getByRole("heading", { name: "Actions" })).toBeVisible();
  await expectNoViolations(page);

  // Nobody else: a signed-in person who is not staff gets a 404.
  const personUrl = page.url();
  await signOut(page);
  await signUp(page, newPerson("curious"));
  expect((await page.goto(personUrl))?.status()).toBe(404);
});
