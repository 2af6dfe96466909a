import { expect, test, type Page } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { enableTotp, expectNoViolations, newPerson, newProject, signUp } from "./fixtures";

const HEADER = "external_id,name,email,status,cards,entry_code,mfa_codes";

async function upload(page: Page, name: string, lines: string[]) {
  await page.getByLabel("Drop a CSV file here, or choose one").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(lines.join("\r\n") + "\r\n") });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { name: `Check of ${name}` })).toBeVisible();
}

test("an owner with 2FA uploads a CSV with errors, sees them per row, fixes the file, uploads it again and imports it with the progress bar", async ({ page }) => {
  test.setTimeout(180_000);
  const owner = newPerson("importer");
  await signUp(page, owner);
  await enableTotp(page, (secret) => generateTotp(secret, new Date()));
  const projectId = await newProject(page, `Import ${owner.name}`);

  await page.goto(`/projects/${projectId}/access/import`);
  await expect(page.getByRole("heading", { name: "Import and export", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Download the template" })).toBeVisible();
  await expectNoViolations(page);
  // The file input is in the tab order (the drop zone is the mouse's extra, not the only way).
  await page.getByRole("heading", { name: "Import and export", level: 1 }).click();
  const focusedIsFileInput = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type === "file");
  let reached = false;
  for (let i = 0; i < 20 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await focusedIsFileInput();
  }
  expect(reached).toBe(true);

  // Bad digits, a short code, a duplicate card, an unknown column: every one named, by row.
  await upload(page, "people.csv", [
    `${HEADER},badge`,
    "e-1,Ada Lovelace,ada@example.com,active,12:1001,12a4,482913,x",
    "e-2,Grace Hopper,,active,12:1002,,123,x",
    "e-3,=Alan Turing,,active,12:1001,,240517,x",
  ]);
  await expect(page.getByTestId("import-errors")).toHaveText("4");
  await expect(page.getByText("The file has errors, so nothing can be imported from it. Fix the file and upload it again.")).toBeVisible();
  const errors = page.getByRole("table", { name: "Errors" }).getByRole("row");
  await expect(errors.nth(1)).toContainText('Unknown column "badge".');
  await expect(errors.nth(2)).toContainText(/2\s*entry_code\s*A code has digits only/);
  await expect(errors.nth(3)).toContainText(/3\s*mfa_codes\s*A code has 4 to 16 digits\./);
  await expect(errors.nth(4)).toContainText(/4\s*cards\s*Card 12:1001 is already on row 2\./);
  await expect(page.getByRole("button", { name: "Import", exact: true })).toHaveCount(0);
  await expectNoViolations(page);

  // Fixed and uploaded again (right below the errors).
  await upload(page, "people-fixed.csv", [
    HEADER,
    "e-1,Ada Lovelace,ada@example.com,active,12:1001,1234,482913",
    "e-2,Grace Hopper,,active,12:1002,,123456",
    "e-3,=Alan Turing,,active,12:1003,,240517",
  ]);
  await expect(page.getByTestId("import-errors")).toHaveText("0");
  await expect(page.getByTestId("import-new")).toHaveText("3");

  // From the keyboard: Enter on Import.
  await page.getByRole("button", { name: "Import", exact: true }).focus();
  await page.keyboard.press("Enter");
  const bar = page.getByRole("progressbar", { name: "Import progress" });
  await expect(bar).toHaveAttribute("aria-valuenow", "3");
  await expect(bar).toHaveAttribute("aria-valuemax", "3");
  await expect(page.getByTestId("import-count")).toHaveText("3 of 3 rows imported");
  await expect(page.getByText("Imported 3 rows.")).toBeVisible();
  await expectNoViolations(page);

  // The people are there: the export (the import's own format) lists them, codes only on request.
  const exported = await (await page.request.get(`/api/projects/${projectId}/access/export`)).text();
  expect(exported).toContain("e-1,Ada Lovelace,ada@example.com,active,12:1001,,");
  expect(exported).toContain("e-3,'=Alan Turing,,active,12:1003,,");
  expect(exported).not.toContain("482913");
  const withCodes = await (await page.request.get(`/api/projects/${projectId}/access/export?codes=1`)).text();
  expect(withCodes).toContain("e-1,Ada Lovelace,ada@example.com,active,12:1001,1234,482913");
});
