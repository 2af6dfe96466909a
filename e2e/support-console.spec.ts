import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { becomeStaff, enableTotpWithRecoveryCodes, expectNoViolations, newPerson, newProject, signOut, signUp } from "./fixtures";

test("support staff search by email, read the events, page to older ones, open one and export a CSV", async ({ page }) => {
  test.setTimeout(180_000);
  // The person the search is about: a project whose name looks like a spreadsheet formula, and
  // more sign-ins than one page holds.
  const subject = newPerson("subject");
  await signUp(page, subject);
  const projectName = `=SUM(1+1) ${subject.email.slice(8, 18)}`;
  await newProject(page, projectName);
  const seeded = await page.request.post("/dev/audit-events", { form: { count: "60" }, headers: { accept: "application/json" } });
  expect(seeded.status(), await seeded.text()).toBe(200);
  await signOut(page);

  const staff = newPerson("staff");
  await signUp(page, staff);
  await enableTotpWithRecoveryCodes(page, (secret) => generateTotp(secret, new Date()));
  await becomeStaff(page, "support");

  // Search with the keyboard alone: the email field, then Enter submits the GET form.
  await page.goto("/support");
  await page.getByLabel("User email").focus();
  await page.keyboard.type(subject.email);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]email=/);
  const results = page.getByTestId("audit-results");
  const rows = results.locator("tbody tr");
  await expect(rows).toHaveCount(50);
  await expect(results.getByRole("link", { name: "Signed in" }).first()).toBeVisible();
  await expect(results.getByRole("link", { name: subject.email }).first()).toHaveAttribute("href", /\/support\/people\//);
  await expect(results).not.toContainText("auth.sign_in");
  await expectNoViolations(page);

  // Older: the rest, none repeated; then Newer leads back to the same first page.
  const hrefs = () => rows.locator("a[href^='/support/events/']").evaluateAll((links) => links.map((link) => link.getAttribute("href")));
  const firstPage = await hrefs();
  const firstText = await results.innerText();
  await page.getByRole("link", { name: /Older/ }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(page.getByRole("link", { name: /Newer/ })).toBeVisible();
  const secondPage = await hrefs();
  expect(secondPage.length).toBeGreaterThanOrEqual(12);
  expect(secondPage.filter((href) => firstPage.includes(href))).toEqual([]);
  expect(`${firstText}\n${await results.innerText()}`).toContain(projectName);
  await expect(page.getByRole("link", { name: /Older/ })).toHaveCount(0);
  await page.getByRole("link", { name: /Newer/ }).click();
  await expect(rows).toHaveCount(50);
  expect(await hrefs()).toEqual(firstPage);

  // Narrow by event type (a list grouped by area), then open the event in full.
  await page.getByLabel("Event type").selectOption({ label: "Project created" });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/type=project.created/);
  await expect(rows).toHaveCount(1);
  await results.getByRole("link", { name: "Project created" }).click();
  await expect(page).toHaveURL(/\/support\/events\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Project created", level: 1 })).toBeVisible();
  await expect(page.getByText("project.created")).toBeVisible();
  await expect(page.getByRole("region", { name: "What happened" }).getByText(projectName)).toBeVisible();
  await expect(page.getByRole("region", { name: "Details" }).getByText("name", { exact: true })).toBeVisible();
  await expect(page.getByText(/not sealed yet|^\d+$/).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Search this project's events" })).toBeVisible();
  await expectNoViolations(page);
  await page.goBack();
  await page.getByLabel("Event type").selectOption({ label: "Any event" });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(rows).toHaveCount(50);

  // Export CSV of the search: headings, the person's rows, the formula-looking name as text.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^Time \(UTC\),Event,Event type,Severity,Outcome,Person's email,/);
  expect(lines.length).toBeGreaterThanOrEqual(62);
  expect(lines.slice(1).every((line) => line.includes(subject.email))).toBe(true);
  expect(csv).toContain(`,'${projectName},`);
  expect(csv).not.toMatch(/,=SUM/);
});

test("a bad search keeps what was typed and says what is wrong beside the field", async ({ page }) => {
  const staff = newPerson("staff");
  await signUp(page, staff);
  await enableTotpWithRecoveryCodes(page, (secret) => generateTotp(secret, new Date()));
  await becomeStaff(page, "support");
  await page.goto("/support?email=someone%40example.test&from=2026-03-02&to=2026-03-01&ip=not-an-ip");
  await expect(page.getByText("The end date is before the start date.")).toBeVisible();
  await expect(page.getByLabel("IP address")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("User email")).toHaveValue("someone@example.test");
  await expect(page.getByTestId("audit-results")).toHaveCount(0);
  await expectNoViolations(page);
  const problem = await page.request.get("/api/support/audit/export?format=xml");
  expect(problem.status()).toBe(400);
  expect(problem.headers()["content-type"]).toContain("application/problem+json");
});
