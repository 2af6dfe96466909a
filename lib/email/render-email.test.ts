import { describe, expect, it } from "vitest";
import { renderEmail } from "./render-email";
import type { EmailMessage } from "./templates";

const APP_URL = "https://tessera.test";
const to = "ada@example.com";

const securityNotices: EmailMessage[] = [
  { template: "two-factor-enabled", to },
  { template: "two-factor-disabled", to, props: { name: "Ada" } },
  { template: "recovery-code-used", to, props: { remaining: 3 } },
  { template: "two-factor-locked", to, props: { until: new Date("2030-01-02T03:04:05Z") } },
  { template: "login-code", to, props: { code: "482913" } },
  { template: "recovery-codes-regenerated", to },
  { template: "authenticator-reenrolled", to, props: { name: "Ada" } },
  { template: "email-login-disabled", to },
  { template: "email-change-requested", to, props: { newEmail: "ada@new.example" } },
];

describe("renderEmail", () => {
  it.each(securityNotices)("$template says what to do if it was not you, with an APP_URL link", async (message) => {
    const email = await renderEmail(message, APP_URL);

    expect(email.subject).toMatch(/Tessera/);
    for (const body of [email.text, email.html]) {
      expect(body).toContain("If this wasn");
      expect(body).toContain(`${APP_URL}/security`);
    }
  });

  it("puts the verification link and the escaped name in both bodies", async () => {
    const link = `${APP_URL}/verify-email?token=abc123`;
    const email = await renderEmail({ template: "verify-email", to, props: { name: "Ada <b>", link } }, APP_URL);

    expect(email.subject).toBe("Confirm your email address for Tessera");
    expect(email.text).toContain(link);
    expect(email.text).toContain("Hi Ada <b>,");
    expect(email.html).toContain(`href="${link}"`);
    expect(email.html).toContain("Ada &lt;b&gt;");
  });

  it("shows the login code and its 10-minute lifetime", async () => {
    const email = await renderEmail({ template: "login-code", to, props: { code: "482913" } }, APP_URL);

    expect(email.text).toContain("482913");
    expect(email.text).toContain("10 minutes");
  });

  it("states counts and times plainly", async () => {
    const used = await renderEmail({ template: "recovery-code-used", to, props: { remaining: 1 } }, APP_URL);
    const locked = await renderEmail(
      { template: "two-factor-locked", to, props: { until: new Date("2030-01-02T03:04:05Z") } },
      APP_URL,
    );

    expect(used.text).toContain("you have 1 recovery code left");
    expect(locked.text).toContain("until 2 January 2030 at 03:04 UTC");
  });
});
