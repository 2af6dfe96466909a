import { expect, test, type Page } from "@playwright/test";
import { newPerson, signIn } from "./fixtures";

/**
 * Protocol faults answer 4xx without a stack trace, not 500 (lib/http/action-request.ts), and
 * every HTML answer carries the CSP, prefetched or not (proxy.ts). Real HTTP requests against
 * the production build; the action calls replay the headers a real browser sent.
 */

type Captured = { path: string; headers: Record<string, string>; body: Buffer };

/** Signs in with a wrong password in the browser and returns the server action call it made. */
async function captureSignInCall(page: Page): Promise<Captured> {
  const person = newPerson("protocol");
  const call = page.waitForRequest((request) => request.method() === "POST" && request.headers()["next-action"] !== undefined);
  await signIn(page, person.email, "not the password at all");
  const request = await call;
  const sent = request.headers();
  const headers: Record<string, string> = {};
  for (const name of ["next-action", "next-router-state-tree", "accept", "content-type"]) if (sent[name]) headers[name] = sent[name];
  return { path: new URL(request.url()).pathname, headers, body: request.postDataBuffer()! };
}

function expectNoStack(text: string) {
  expect(text).not.toMatch(/\bat .*\(|Error:|node_modules/);
}

test.describe("server action protocol faults", () => {
  test("the replayed real call is accepted from the same origin", async ({ page, request, baseURL }) => {
    const call = await captureSignInCall(page);
    const response = await request.post(call.path, { headers: { ...call.headers, origin: baseURL! }, data: call.body });
    expect(response.status()).toBe(200);
  });

  test("a foreign Origin answers 403", async ({ page, request }) => {
    const call = await captureSignInCall(page);
    for (const origin of ["https://evil.example", "null"]) {
      const response = await request.post(call.path, { headers: { ...call.headers, origin }, data: call.body });
      expect(response.status(), origin).toBe(403);
      expectNoStack(await response.text());
    }
  });

  test("a body over the limit answers 413", async ({ page, request, baseURL }) => {
    const call = await captureSignInCall(page);
    const { "content-type": _multipart, ...headers } = call.headers;
    const response = await request.post(call.path, {
      headers: { ...headers, origin: baseURL! },
      multipart: { "0": JSON.stringify([{}, "$K1"]), "_1_email": "x".repeat(2 * 1024 * 1024) },
    });
    expect(response.status()).toBe(413);
    expectNoStack(await response.text());
  });

  test("JSON arguments instead of the form answer 400", async ({ page, request, baseURL }) => {
    const call = await captureSignInCall(page);
    const response = await request.post(call.path, {
      headers: { ...call.headers, origin: baseURL!, "content-type": "text/plain;charset=UTF-8" },
      data: JSON.stringify([{}, { email: "ada@example.com", password: "whatever it is" }]),
    });
    expect(response.status()).toBe(400);
    expectNoStack(await response.text());
  });
});

test.describe("every HTML answer carries the CSP", () => {
  for (const [name, value] of [
    ["purpose", "prefetch"],
    ["sec-purpose", "prefetch"],
    ["next-router-prefetch", "1"],
  ] as const) {
    test(`fetched with ${name}: ${value}`, async ({ request }) => {
      const response = await request.get("/sign-in", { headers: { [name]: value } });
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toContain("text/html");
      const policy = response.headers()["content-security-policy"] ?? "";
      const nonce = policy.match(/'nonce-([^']+)'/)?.[1];
      expect(nonce, policy).toBeTruthy();
      expect(policy).toContain("frame-ancestors 'none'");
      expect(await response.text()).toContain(`nonce="${nonce}"`);
    });
  }
});
