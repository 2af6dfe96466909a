import { expect, test, type Browser, type Page } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { enableTotp, expectNoRawKeys, expectNoViolations, newPerson, newProject, signUp } from "./fixtures";
import { addAccessUserWithCardAndCode } from "./fixtures-access";

/**
 * Issue 12's required journey, entirely through the pages (no development route): an admin (the
 * project's owner, who holds Access User Admin) adds a user, a card and a **Generate**d MFA code,
 * sets a door to **Card + code**, and the keypad grants with the code and denies without it.
 * Then the same journey in a Japanese browser, every step in Japanese words.
 */

/** Presses a key (or Enter) and waits for the door check's answer. */
async function present(page: Page, press: () => Promise<void>) {
  await Promise.all([page.waitForResponse((response) => response.request().method() === "POST" && response.url().includes("/access/keypad")), press()]);
}

/** Types `code` on the on-screen keypad (the group named `keypad`). */
async function typeOnKeypad(page: Page, keypad: string, code: string) {
  const keys = page.getByRole("group", { name: keypad });
  for (const digit of code) await keys.getByRole("button", { name: digit, exact: true }).click();
}

test("an admin adds a user, a card and a generated MFA code, sets a door to Card + code, and the keypad grants with the code and denies without it", async ({ page }) => {
  test.setTimeout(180_000);
  const owner = newPerson("journey");
  await signUp(page, owner);
  await enableTotp(page, (secret) => generateTotp(secret, new Date()));
  const projectId = await newProject(page, `Journey ${owner.name}`);

  // The section from the project's tabs: nothing yet.
  await page.getByRole("link", { name: "Access control" }).click();
  await expect(page.getByText("No access users yet")).toBeVisible();

  // A user, a card and a Generated MFA code (sudo is fresh from enabling the authenticator).
  const { url, code } = await addAccessUserWithCardAndCode(page, projectId, { name: "Mika Journey", facilityCode: 42, cardNumber: 4242 });
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("listitem", { name: "MFA code 1" }).getByTestId("masked-code")).toBeVisible();

  // The keypad has no door to try yet, and says where to add one; a door, set to Card + code in the schedule editor.
  await page.getByRole("navigation", { name: "Access control" }).getByRole("link", { name: "Keypad" }).click();
  await expect(page.getByText("There are no doors to try yet.")).toBeVisible();
  await page.getByRole("link", { name: "Add a door" }).click();
  await expect(page.getByText("No doors yet.")).toBeVisible();
  await page.getByLabel("Door name").fill("Lab door");
  await page.getByRole("button", { name: "Add door" }).click();
  await expect(page.getByRole("heading", { name: "Lab door" })).toBeVisible();
  await page.getByRole("button", { name: "Card + code all week" }).click();
  await page.getByRole("button", { name: "Save schedule" }).click();
  await expect(page.getByText("Schedule saved.")).toBeVisible();
  await expect(page.getByTestId("door-now")).toContainText("Now: Card + code, all week");

  // From the person's page, their card to the keypad ("Try at a door"); without a code: denied, code required.
  await page.goto(url);
  await page.getByRole("link", { name: "Try card Facility 42 · Card 4242 at a door" }).click();
  await expect(page).toHaveURL(/\/access\/keypad\?card=42:4242$/);
  await expect(page.getByLabel("A card of this project")).toHaveValue("42:4242");
  await expect(page.getByLabel("Door", { exact: true }).locator("option:checked")).toHaveText("Lab door");
  const result = page.getByTestId("keypad-result");
  await present(page, () => page.getByRole("button", { name: "Enter" }).click());
  await expect(result).toContainText("Denied");
  await expect(result).toContainText("Card + code is in force: type an MFA code");

  // With the generated code: granted.
  await typeOnKeypad(page, "Keypad", code);
  await present(page, () => page.getByRole("button", { name: "Enter" }).click());
  await expect(result).toContainText("Granted");
  await expect(result).toContainText("Card and MFA code accepted.");
  await expectNoViolations(page);
});

/** A signed-up owner with an authenticator and a project, whose browser asks for `locale`; the English fixtures run under the switcher's cookie, then the browser's language decides. */
async function ownerIn(browser: Browser, locale: string) {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const host = new URL(test.info().project.use.baseURL!).hostname;
  await context.addCookies([{ name: "tessera-locale", value: "en", domain: host, path: "/" }]);
  const owner = newPerson(`journey-${locale}`);
  await signUp(page, owner);
  await enableTotp(page, (secret) => generateTotp(secret, new Date()));
  const projectId = await newProject(page, `Journey ${owner.name}`);
  await context.clearCookies({ name: "tessera-locale" });
  return { context, page, projectId };
}

test("ja: the same journey in a Japanese browser: user, card, generated MFA code, door on カード + コード, keypad 許可 with the code and 拒否 without it", async ({ browser }) => {
  test.setTimeout(180_000);
  const { context, page, projectId } = await ownerIn(browser, "ja-JP");

  await page.goto(`/projects/${projectId}`);
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await page.getByRole("link", { name: "入退室管理" }).click();
  await expect(page.getByText("アクセスユーザーはまだいません")).toBeVisible();

  // Add user, Add card, Generate (in Japanese: ユーザーを追加, カードを追加, 生成).
  const add = page.getByRole("region", { name: "ユーザーを追加" });
  await add.getByLabel("名前").fill("田中 美香");
  await add.getByRole("button", { name: "ユーザーを追加" }).click();
  await expect(page.getByRole("heading", { name: "田中 美香", level: 2 })).toBeVisible();
  const cards = page.getByRole("form", { name: "カードを追加" });
  await cards.getByLabel("施設コード").fill("7");
  await cards.getByLabel("カード番号").fill("7007");
  await cards.getByRole("button", { name: "カードを追加" }).click();
  await expect(page.getByText("施設 7 · カード 7007")).toBeVisible();
  await page.getByRole("group", { name: "MFAコードを追加" }).getByRole("button", { name: "生成" }).click();
  const code = (await page.getByTestId("generated-code").innerText()).trim();
  expect(code).toMatch(/^[0-9]{6}$/);
  await page.getByRole("button", { name: "完了" }).click();
  await expectNoRawKeys(page);

  // Add door, then カード + コード all week.
  await page.getByRole("navigation", { name: "入退室管理" }).getByRole("link", { name: "ドア" }).click();
  await page.getByLabel("ドア名").fill("実験室");
  await page.getByRole("button", { name: "ドアを追加" }).click();
  await expect(page.getByRole("heading", { name: "実験室" })).toBeVisible();
  await page.getByRole("button", { name: "毎日カード + コード" }).click();
  await page.getByRole("button", { name: "スケジュールを保存" }).click();
  await expect(page.getByText("スケジュールを保存しました。")).toBeVisible();
  await expect(page.getByTestId("door-now")).toContainText("カード + コード");

  // The door's page to the keypad (キーパッドで試す): 拒否 without a code, 許可 with it.
  await page.getByRole("link", { name: "キーパッドで試す" }).click();
  await expect(page).toHaveURL(/\/access\/keypad\?door=[0-9a-f-]{36}$/);
  await expect(page.getByLabel("ドア", { exact: true }).locator("option:checked")).toHaveText("実験室");
  await expect(page.getByLabel("このプロジェクトのカード")).toHaveValue("7:7007");
  const result = page.getByTestId("keypad-result");
  await present(page, () => page.getByRole("button", { name: "確定" }).click());
  await expect(result).toContainText("拒否");
  await expect(result).toContainText("「カード + コード」が適用中です。");
  await typeOnKeypad(page, "キーパッド", code);
  await present(page, () => page.getByRole("button", { name: "確定" }).click());
  await expect(result).toContainText("許可");
  await expect(result).toContainText("カードとMFAコードを確認しました。");
  await expectNoRawKeys(page);
  await expectNoViolations(page);
  await context.close();
});
