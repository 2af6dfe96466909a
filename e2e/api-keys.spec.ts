import { expect, test, type Page } from "@playwright/test";
import { generateTotp } from "../lib/mfa/totp";
import { enableTotp, endSudo, expectNoViolations, newPerson, newProject, signUp } from "./fixtures";

/** The code an authenticator shows `offsetSeconds` from now (the next step's is new to the server). */
const codeAt = (secret: string, offsetSeconds = 0) => generateTotp(secret, new Date(Date.now() + offsetSeconds * 1000));

const problem = async (page: Page, url: string, key: string | null) => {
  const response = await page.request.get(url, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  return { status: response.status(), type: response.headers()["content-type"], body: (await response.json()) as Record<string, unknown> };
};

test("an owner with 2FA creates an API key after confirming it is them, the key reads access users, is refused without it, and stops at once when revoked", async ({ page }) => {
  test.setTimeout(240_000);
  const owner = newPerson("api-owner");
  await signUp(page, owner);
  const secret = await enableTotp(page, (key) => codeAt(key));
  const projectId = await newProject(page, `API ${owner.name}`);
  await endSudo(page);

  await page.goto(`/projects/${projectId}/api-keys`);
  await expect(page.getByRole("heading", { name: "Create API key" })).toBeVisible();
  await expectNoViolations(page);
  await page.getByLabel("Key name").fill("Door sync");
  await page.getByRole("checkbox", { name: /Write/ }).check();
  await page.getByRole("button", { name: "Create API key" }).click();
  const prompt = page.getByRole("group", { name: "Confirm it is you" });
  await prompt.getByLabel("Authentication code").fill(codeAt(secret, 30));
  await prompt.getByRole("button", { name: "Verify" }).click();

  const shown = page.getByTestId("api-key");
  await expect(shown).toHaveText(/^tsk_[0-9A-Za-z]{12}_[A-Za-z0-9_-]{43}$/);
  const key = (await shown.innerText()).trim();
  await expect(page.getByText("It will not be shown again")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create API key" })).toBeEnabled();
  await expectNoViolations(page);

  const url = `/api/v1/projects/${projectId}/access-users`;
  const ok = await page.request.get(url, { headers: { authorization: `Bearer ${key}` } });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toEqual({ users: [], nextCursor: null });

  const without = await problem(page, url, null);
  expect(without.status).toBe(401);
  expect(without.type).toMatch(/^application\/problem\+json/);
  expect(without.body).toMatchObject({ status: 401, code: "api_key_invalid" });

  // Once dismissed, the key is gone from the page for good; the list shows its prefix and last use.
  await page.getByRole("button", { name: "I have stored it" }).click();
  await expect(page.getByTestId("api-key")).toHaveCount(0);
  await page.reload();
  const item = page.getByRole("list", { name: "API keys of this project" }).getByRole("listitem").filter({ hasText: "Door sync" });
  await expect(item).toContainText(key.slice(0, 17));
  await expect(item).not.toContainText(key.slice(18));
  await expect(item).toContainText("from");

  await item.getByRole("button", { name: "Revoke Door sync" }).click();
  await item.getByRole("button", { name: "Revoke key" }).click();
  await expect(item.getByText("Revoked", { exact: true })).toBeVisible();
  const revoked = await problem(page, url, key);
  expect(revoked.status).toBe(401);
  expect(revoked.body.code).toBe("api_key_invalid");
});

test("the API reference lists every operation, offline, and the OpenAPI document is 3.1", async ({ page }) => {
  const document = await (await page.request.get("/api/v1/openapi.json")).json();
  expect(document.openapi).toBe("3.1.0");
  const response = await page.goto("/docs/api");
  // No script of its own and nothing from elsewhere: the pages' strict policy holds (proxy.ts).
  expect(response?.headers()["content-security-policy"]).toMatch(/default-src '(self|none)'/);
  expect(await page.locator("script[src], link[rel=stylesheet]").count()).toBe(0);
  await expect(page.getByRole("heading", { level: 1, name: "Tessera API reference" })).toBeVisible();
  for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, unknown>>)) {
    for (const method of Object.keys(methods)) {
      await expect(page.getByRole("heading", { level: 3, name: `${method.toUpperCase()} ${path}`, exact: true })).toBeVisible();
    }
  }
  await expect(page.getByText("curl -X POST").first()).toBeVisible();
  await expectNoViolations(page);
});
