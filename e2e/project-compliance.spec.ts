import { expect, test } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { arrangeProject, enableTotp, expectNoViolations, latestEmail, newPerson, newProject, signIn, signOut, signUp } from "./fixtures";

/** The code an authenticator shows `offsetSeconds` from now, computed from the setup key. */
const codeAt = (secret: string, offsetSeconds = 0) => generateTotp(secret, new Date(Date.now() + offsetSeconds * 1000));

test("compliance: the owner sees who meets the requirement, reminds the member without 2FA once, and a second reminder the same day is refused", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const owner = newPerson("owner");
  const withApp = newPerson("withapp");
  const without = newPerson("without");

  // The members, each in their own browser: one turns on an authenticator app, one does nothing.
  const appContext = await browser.newContext();
  const appPage = await appContext.newPage();
  await signUp(appPage, withApp);
  await enableTotp(appPage, (secret) => codeAt(secret));
  const noneContext = await browser.newContext();
  const nonePage = await noneContext.newPage();
  await signUp(nonePage, without);

  // The owner: an app, a project with both members in it, requiring 2FA once per computer.
  await signUp(page, owner);
  const secret = await enableTotp(page, (key) => codeAt(key));
  const projectName = `Apollo ${Date.now().toString(36)}`;
  const projectId = await newProject(page, projectName);
  await arrangeProject(page, projectId, { email: withApp.email });
  await arrangeProject(page, projectId, { email: without.email });
  await arrangeProject(page, projectId, { requiredLevel: "once_per_computer" });
  // Setting the app up did not pass it in this session: the owner signs in again with it (the next step's code).
  await signOut(page);
  await signIn(page, owner.email, owner.password);
  await page.getByLabel("Authentication code").fill(codeAt(secret, 30));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/security/);

  await page.goto(`/projects/${projectId}/compliance`);
  await expect(page.getByText("2 of 3 members compliant")).toBeVisible();
  await expect(page.getByRole("img", { name: "2 of 3 members compliant" })).toBeVisible();
  const table = page.getByTestId("project-members");
  await expect(table.locator("tbody tr")).toHaveCount(3);
  const rowOf = (email: string) => table.locator("tbody tr").filter({ hasText: email });
  const cells = (email: string) => rowOf(email).locator("th, td");
  await expect(cells(without.email)).toHaveText([new RegExp(without.name), "Member", "Not enabled", "None", "Never", "Not compliant", /Send reminder/]);
  await expect(cells(withApp.email)).toHaveText([new RegExp(withApp.name), "Member", "Enabled", "Authenticator app", /\S/, "Compliant", "Not needed"]);
  await expect(cells(owner.email)).toHaveText([new RegExp(`${owner.name}.*\\(you\\)`), "Owner", "Enabled", "Authenticator app", /\S/, "Compliant", "Not needed"]);
  // Those who need attention come first.
  await expect(table.locator("tbody tr").first()).toContainText(without.email);

  await expectNoViolations(page);

  const remind = rowOf(without.email).getByRole("button", { name: `Send reminder to ${without.name}` });
  await remind.click();
  await expect(rowOf(without.email).getByRole("status")).toHaveText(`Reminder sent to ${without.name}.`);
  await expect(rowOf(without.email)).toContainText("Reminded");
  await remind.click();
  await expect(rowOf(without.email).getByRole("alert")).toHaveText("A reminder already went to this member today.");
  await page.getByRole("button", { name: "Send reminder to all not compliant" }).click();
  await expect(page.getByText("No reminder sent: everyone who is not compliant was reminded in the last day.")).toBeVisible();

  // One email, in the member's language, with the way into the project.
  const email = await latestEmail(nonePage, without.email, new RegExp(`${projectName} requires two-factor authentication`));
  expect(email).toContain(`/projects/${projectId}`);
  await nonePage.goto("/dev/outbox");
  await expect(nonePage.getByRole("article").filter({ hasText: without.email }).filter({ hasText: projectName })).toHaveCount(1);

  // The same table for programs, behind the same enforcement.
  const csv = await page.request.get(`/api/projects/${projectId}/compliance?format=csv`);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain("Name,Email,Role,Two-factor authentication,Methods,Last verification,Compliance");
  expect(text).toContain(`${without.email},Member,Not enabled,None,Never,Not compliant`);
  const blocked = await nonePage.request.get(`/api/projects/${projectId}/compliance`);
  expect(blocked.status()).toBe(403);
  expect(await blocked.json()).toMatchObject({ status: 403, code: "project_two_factor_required" });
  // The member with the app passed it in this session (setting it up counts), so the policy lets
  // them in; the table is still for owners and admins.
  const memberOnly = await appPage.request.get(`/api/projects/${projectId}/compliance`);
  expect(memberOnly.status()).toBe(403);
  expect(await memberOnly.json()).toMatchObject({ status: 403, code: "forbidden" });

  await appContext.close();
  await noneContext.close();
});
