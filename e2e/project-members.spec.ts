import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoViolations, latestEmailLink, newPerson, newProject, signUp } from "./fixtures";

/** Members, invitations and roles (issue 10, item 1), in English. */

async function invite(page: Page, projectId: string, email: string, role: "Member" | "Admin" = "Member") {
  await page.goto(`/projects/${projectId}/members`);
  const card = page.getByRole("region", { name: "Invite member" });
  await card.getByLabel("Email").fill(email);
  await card.getByLabel("Role").selectOption({ label: role });
  await card.getByRole("button", { name: "Send invitation" }).click();
  await expect(card.getByRole("status")).toHaveText(`Invitation sent to ${email}.`);
}

/** The invitation link emailed to this address, read from the outbox on a page of its own. */
async function invitationLink(browser: Browser, email: string) {
  const context = await browser.newContext();
  const outbox = await context.newPage();
  const link = await latestEmailLink(outbox, email, /\/invitations\/[\w-]{43}/);
  await context.close();
  return link;
}

/** A new person joins through their invitation: signs up, opens the link, accepts. */
async function join(browser: Browser, owner: Page, projectId: string, label: string, role: "Member" | "Admin") {
  const person = newPerson(label);
  await invite(owner, projectId, person.email, role);
  const link = await invitationLink(browser, person.email);
  const page = await (await browser.newContext()).newPage();
  await signUp(page, person);
  await page.goto(link);
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}$`));
  return { person, page };
}

const memberRow = (page: Page, email: string) => page.getByRole("table", { name: "Members of this project" }).getByRole("row").filter({ hasText: email });

test("the owner invites a new address; the invitee signs up from the link and lands in the project", async ({ browser, page }) => {
  const owner = newPerson("owner");
  await signUp(page, owner);
  const projectName = `Payments ${owner.email.slice(6, 11)}`;
  const projectId = await newProject(page, projectName);

  const invitee = newPerson("invitee");
  await invite(page, projectId, invitee.email);
  const pending = page.getByRole("table", { name: "Pending invitations" });
  await expect(pending.getByRole("row").filter({ hasText: invitee.email })).toContainText("Member");
  await expectNoViolations(page);

  // The invitee, signed out, opens the emailed link.
  const link = await invitationLink(browser, invitee.email);
  const context = await browser.newContext();
  const guest = await context.newPage();
  await guest.goto(link);
  await expect(guest.getByRole("heading", { name: `Join ${projectName}` })).toBeVisible();
  await expect(guest.getByText(`${owner.name} invited you to join the project ${projectName} as Member.`)).toBeVisible();
  await expect(guest.getByText("This project does not require two-factor authentication.")).toBeVisible();
  await expectNoViolations(guest);

  await guest.getByRole("link", { name: "Create account" }).click();
  await guest.getByLabel("Name").fill(invitee.name);
  await guest.getByLabel("Email").fill(invitee.email);
  await guest.getByLabel("Password", { exact: true }).fill(invitee.password);
  await guest.getByRole("button", { name: "Create account" }).click();
  await expect(guest.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

  // The verification link opens in another tab; the first one goes on to sign in.
  const mail = await context.newPage();
  await mail.goto(await latestEmailLink(mail, invitee.email, /\/verify-email\?token=[\w-]+/));
  await mail.getByRole("button", { name: "Verify email address" }).click();
  await expect(mail.getByRole("heading", { name: "Email address verified" })).toBeVisible();
  await mail.close();

  await guest.getByRole("link", { name: "Go to sign in" }).click();
  await guest.getByLabel("Email").fill(invitee.email);
  await guest.getByLabel("Password").fill(invitee.password);
  await guest.getByRole("button", { name: "Sign in" }).click();
  await expect(guest).toHaveURL(new RegExp(`/invitations/`));
  await guest.getByRole("button", { name: "Accept invitation" }).click();
  await expect(guest).toHaveURL(new RegExp(`/projects/${projectId}$`));
  await expect(guest.getByRole("heading", { name: projectName, level: 1 })).toBeVisible();

  // The link worked once; the owner sees the new member and no pending invitation.
  await guest.goto(link);
  await expect(guest.getByRole("heading", { name: "This invitation cannot be used" })).toBeVisible();
  await page.goto(`/projects/${projectId}/members`);
  await expect(memberRow(page, invitee.email)).toContainText("Member");
  await expect(page.getByText("No invitations are waiting.")).toBeVisible();
  await context.close();
});

test("an admin cannot remove the owner; a member leaves; the last owner cannot", async ({ browser, page }) => {
  const owner = newPerson("owner");
  await signUp(page, owner);
  const projectName = `Ledger ${owner.email.slice(6, 11)}`;
  const projectId = await newProject(page, projectName);
  const admin = await join(browser, page, projectId, "admin", "Admin");
  const member = await join(browser, page, projectId, "member", "Member");

  // The admin may remove the member, never the owner, and changes no roles.
  await admin.page.goto(`/projects/${projectId}/members`);
  await expect(memberRow(admin.page, owner.email)).toContainText("Owner");
  await expect(memberRow(admin.page, owner.email).getByRole("button", { name: /Remove/ })).toHaveCount(0);
  await expect(memberRow(admin.page, member.person.email).getByRole("button", { name: /Remove/ })).toBeVisible();
  await expect(admin.page.getByRole("button", { name: /Save role/ })).toHaveCount(0);
  await expect(admin.page.getByRole("region", { name: "Invite member" }).getByLabel("Role")).toHaveCount(0);
  await memberRow(admin.page, member.person.email).getByRole("button", { name: /Remove/ }).click();
  await expect(admin.page.getByText(`Remove ${member.person.name} from this project?`)).toBeVisible();
  await expectNoViolations(admin.page);
  await admin.page.getByRole("button", { name: "Cancel" }).click();
  await expect(memberRow(admin.page, member.person.email).getByRole("button", { name: /Remove/ })).toBeFocused();

  // The member leaves, after a question, with the keyboard.
  await member.page.goto(`/projects/${projectId}/members`);
  await member.page.getByRole("button", { name: "Leave project" }).focus();
  await member.page.keyboard.press("Enter");
  await expect(member.page.getByText(`Leave ${projectName}?`)).toBeVisible();
  await expect(member.page.getByRole("button", { name: "Leave", exact: true })).toBeFocused();
  await member.page.keyboard.press("Enter");
  await expect(member.page).toHaveURL(/\/projects$/);
  await expect(member.page.getByRole("link", { name: projectName })).toHaveCount(0);
  await member.page.goto(`/projects/${projectId}`);
  await expect(member.page.getByRole("heading", { name: projectName })).toHaveCount(0);

  // The owner sees them gone, and as the only owner cannot leave.
  await page.goto(`/projects/${projectId}/members`);
  await expect(memberRow(page, member.person.email)).toHaveCount(0);
  await expect(page.getByText("You are the only owner.", { exact: false })).toBeVisible();
  await expect(page.getByRole("button", { name: "Leave project" })).toBeDisabled();
  await admin.page.context().close();
  await member.page.context().close();
});
