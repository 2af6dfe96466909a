import { expect, test, type Page } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { arrangeProject, enableTotp, endSudo, latestEmail, newPerson, newProject, signUp } from "./fixtures";

/** The code an authenticator shows `offsetSeconds` from now (the next step's is new to the server). */
const codeAt = (secret: string, offsetSeconds = 0) => generateTotp(secret, new Date(Date.now() + offsetSeconds * 1000));

const level = (page: Page, name: string) => page.getByRole("radio", { name, exact: true });

test("the owner sets Every login after Authenticate to make changes, sees who it hits, confirms; a member without 2FA gets the grace banner, then enrolment when it ends", async ({ browser }) => {
  test.setTimeout(240_000);
  const ownerContext = await browser.newContext();
  const memberContext = await browser.newContext();
  const ownerPage = await ownerContext.newPage();
  const memberPage = await memberContext.newPage();
  const owner = newPerson("owner");
  const member = newPerson("member");

  await signUp(memberPage, member);
  await signUp(ownerPage, owner);
  const secret = await enableTotp(ownerPage, (key) => codeAt(key));
  const projectId = await newProject(ownerPage, `Settings ${owner.name}`);
  await arrangeProject(ownerPage, projectId, { email: member.email });

  // A member never sees the settings, not even that they exist.
  const refused = await memberPage.goto(`/projects/${projectId}/settings`);
  expect(refused?.status()).toBe(404);

  // Past the sudo window, the settings show their values with every control off.
  await endSudo(ownerPage);
  await ownerPage.goto(`/projects/${projectId}/settings`);
  await expect(level(ownerPage, "Disabled")).toBeChecked();
  for (const name of ["Disabled", "Once per computer", "Every login"]) await expect(level(ownerPage, name)).toBeDisabled();
  await expect(ownerPage.getByLabel("Secure methods only")).toBeDisabled();
  await expect(ownerPage.getByLabel("Grace period in days")).toBeDisabled();
  await expect(ownerPage.getByLabel("Grace period in days")).toHaveValue("0");
  await expect(ownerPage.getByRole("button", { name: "Save", exact: true })).toHaveCount(0);

  // Authenticate to make changes: the authenticator app's code, then the controls are on, and say until when.
  await ownerPage.getByRole("button", { name: "Authenticate to make changes" }).click();
  const prompt = ownerPage.getByRole("group", { name: "Confirm it is you" });
  await prompt.getByLabel("Authentication code").fill(codeAt(secret, 30));
  await prompt.getByRole("button", { name: "Verify" }).click();
  await expect(ownerPage.getByText(/You can make changes until/)).toBeVisible();
  await expect(level(ownerPage, "Every login")).toBeEnabled();

  // Every login with a week's grace: first who it hits, nothing saved yet.
  await level(ownerPage, "Every login").check();
  await ownerPage.getByLabel("Grace period in days").fill("7");
  await ownerPage.getByRole("button", { name: "Save", exact: true }).click();
  await expect(ownerPage.getByRole("heading", { name: "Before you confirm: who this change affects" })).toBeVisible();
  await expect(ownerPage.getByTestId("preview-blocked")).toContainText("Nobody is blocked at once.");
  await expect(ownerPage.getByTestId("preview-grace")).toContainText("1 person enters the grace period");
  await expect(ownerPage.getByTestId("preview-grace")).toContainText(member.email);
  await expect(ownerPage.getByTestId("preview-unaffected")).toContainText("1 person is unaffected");
  await expect(level(ownerPage, "Every login")).toBeDisabled();
  await ownerPage.getByRole("button", { name: "Confirm change" }).click();
  await expect(ownerPage.getByText("The two-factor requirement is saved.")).toBeVisible();
  await expect(level(ownerPage, "Every login")).toBeChecked();
  await expect(ownerPage.getByText(/The current grace period ends/)).toBeVisible();

  // The member may still enter during the grace period, with the banner, and was emailed what to do.
  await memberPage.goto(`/projects/${projectId}`);
  await expect(memberPage).toHaveURL(new RegExp(`/projects/${projectId}$`));
  await expect(memberPage.locator(`main a[href="/projects/${projectId}/enrol"]`)).toBeVisible();
  const mail = await latestEmail(memberPage, member.email, /requires two-factor authentication/);
  expect(mail).toContain("Please set one up by");
  expect(mail).toContain(`/projects/${projectId}/enrol`);

  // The grace period ends (a development-only route; no waiting): enrolment comes first now.
  const ended = await ownerPage.request.post(`/dev/projects/${projectId}/end-grace`);
  expect(ended.status()).toBe(204);
  await memberPage.goto(`/projects/${projectId}`);
  await expect(memberPage).toHaveURL(new RegExp(`/projects/${projectId}/enrol\\?next=`));

  await ownerContext.close();
  await memberContext.close();
});

test("a tightening with no grace shows who is blocked at once; cancelling saves nothing, and an exception is made with a reason", async ({ browser }) => {
  test.setTimeout(240_000);
  const ownerContext = await browser.newContext();
  const memberContext = await browser.newContext();
  const ownerPage = await ownerContext.newPage();
  const memberPage = await memberContext.newPage();
  const owner = newPerson("owner");
  const member = newPerson("member");

  await signUp(memberPage, member);
  await signUp(ownerPage, owner);
  await enableTotp(ownerPage, (key) => codeAt(key));
  const projectId = await newProject(ownerPage, `Blocked ${owner.name}`);
  await arrangeProject(ownerPage, projectId, { email: member.email });

  // Enabling the app a moment ago put this session in sudo mode: the settings are unlocked.
  await ownerPage.goto(`/projects/${projectId}/settings`);
  await expect(ownerPage.getByText(/You can make changes until/)).toBeVisible();
  await level(ownerPage, "Once per computer").check();
  await ownerPage.getByLabel("Secure methods only").check();
  await ownerPage.getByRole("button", { name: "Save", exact: true }).click();
  await expect(ownerPage.getByTestId("preview-blocked")).toContainText("1 person is blocked at once");
  await expect(ownerPage.getByTestId("preview-blocked")).toContainText(member.email);
  await ownerPage.getByRole("button", { name: "Cancel" }).click();
  await expect(ownerPage.getByTestId("preview-blocked")).toHaveCount(0);
  await ownerPage.reload();
  await expect(level(ownerPage, "Disabled")).toBeChecked();

  // An exception: a member, some days, a reason; listed until it is ended.
  await ownerPage.getByLabel("Member", { exact: true }).selectOption({ label: `${member.name} (${member.email})` });
  await ownerPage.getByLabel("Days", { exact: true }).fill("31");
  await ownerPage.getByLabel("Reason").fill("Waiting for a security key");
  await ownerPage.getByRole("button", { name: "Make exception" }).click();
  await expect(ownerPage.getByText("Enter a whole number of days within the range shown.")).toBeVisible();
  await expect(ownerPage.getByLabel("Reason")).toHaveValue("Waiting for a security key");
  await ownerPage.getByLabel("Days", { exact: true }).fill("5");
  await ownerPage.getByRole("button", { name: "Make exception" }).click();
  await expect(ownerPage.getByText("The exception is made.")).toBeVisible();
  const list = ownerPage.getByRole("list", { name: "Current exceptions" });
  await expect(list).toContainText(member.email);
  await expect(list).toContainText("Reason: Waiting for a security key");
  await list.getByRole("button", { name: "End exception" }).click();
  await expect(ownerPage.getByText("Nobody is exempt right now.")).toBeVisible();

  await ownerContext.close();
  await memberContext.close();
});
