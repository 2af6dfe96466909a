import { expect, type Page } from "@playwright/test";

/** The "Confirm it is you" prompt, wherever a sudo-protected access action shows it. */
export const sudoPrompt = (page: Page) => page.getByRole("group", { name: "Confirm it is you" });

/**
 * After a sudo-protected click: either the action went through (`done` shows), or the prompt
 * appeared, and the authenticator code from `sudoCode` passes it (then the action goes again).
 */
export async function passSudoIfAsked(page: Page, done: ReturnType<Page["getByText"]>, sudoCode?: () => string) {
  const prompt = sudoPrompt(page);
  await expect(done.or(prompt).first()).toBeVisible();
  if (await prompt.isVisible()) {
    if (!sudoCode) throw new Error("Sudo mode was asked for, but no way to pass it was given");
    await prompt.getByLabel("Authentication code").fill(sudoCode());
    await prompt.getByRole("button", { name: "Verify" }).click();
  }
  await expect(done).toBeVisible();
}

/**
 * On an owner's (or Access User Admin's) English pages: **Add user** `name`, **Add card** with
 * the facility code and card number, and a **Generate**d MFA code of `length` digits (6 by
 * default). Returns the person's page URL and the generated code, shown once, for journeys that
 * then present the card and the code at a door (e2e/access-doors.spec.ts).
 */
export async function addAccessUserWithCardAndCode(
  page: Page,
  projectId: string,
  person: { name: string; facilityCode: number; cardNumber: number; length?: number; sudoCode?: () => string },
): Promise<{ url: string; code: string }> {
  await page.goto(`/projects/${projectId}/access`);
  const add = page.getByRole("region", { name: "Add user" });
  await add.getByLabel("Name").fill(person.name);
  await add.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("heading", { name: person.name, level: 2 })).toBeVisible();
  const url = page.url();

  const cards = page.getByRole("form", { name: "Add card" });
  await cards.getByLabel("Facility code").fill(String(person.facilityCode));
  await cards.getByLabel("Card number").fill(String(person.cardNumber));
  await cards.getByRole("button", { name: "Add card" }).click();
  await passSudoIfAsked(page, page.getByText(`Facility ${person.facilityCode} · Card ${person.cardNumber}`), person.sudoCode);

  const mfa = page.getByRole("group", { name: "Add MFA code" });
  if (person.length) await mfa.getByLabel("Length").selectOption(String(person.length));
  await mfa.getByRole("button", { name: "Generate" }).click();
  await passSudoIfAsked(page, page.getByTestId("generated-code"), person.sudoCode);
  const code = (await page.getByTestId("generated-code").innerText()).trim();
  expect(code).toMatch(new RegExp(`^[0-9]{${person.length ?? 6}}$`));
  return { url, code };
}
