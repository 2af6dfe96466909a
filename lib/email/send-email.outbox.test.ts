import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const APP_URL = "https://tessera.test";

/** getEnv() caches, so each test loads the module afresh after setting its environment. */
async function loadEmail() {
  vi.resetModules();
  return import("./index");
}

beforeEach(() => {
  vi.stubEnv("APP_ENV", "test");
  vi.stubEnv("APP_URL", APP_URL);
  vi.stubEnv("RESEND_API_KEY", "");
  vi.stubEnv("SMTP_URL", "");
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("sendEmail without RESEND_API_KEY or SMTP_URL", () => {
  it("writes the rendered login code to the outbox", async () => {
    const { sendEmail, latestOutboxMessage } = await loadEmail();

    const result = await sendEmail({ template: "login-code", to: "ada@example.com", props: { code: "482913" } });

    const row = await latestOutboxMessage("Ada@Example.com");
    expect(result).toEqual({ via: "outbox", id: row?.id });
    expect(row).toMatchObject({ channel: "email", to: "ada@example.com", subject: "Your Tessera sign-in code" });
    expect(row?.text).toContain("482913");
    expect(row?.html).toContain("482913");
  });

  it("keeps the verification link usable in the text body", async () => {
    const { sendEmail, latestOutboxMessage } = await loadEmail();
    const link = `${APP_URL}/verify-email?token=t0k3n`;

    await sendEmail({ template: "verify-email", to: "grace@example.com", props: { name: "Grace", link } });

    const row = await latestOutboxMessage("grace@example.com");
    expect(row?.subject).toBe("Confirm your email address for Tessera");
    expect(row?.text).toContain(link);
  });

  it("lists the outbox newest first, up to the limit", async () => {
    const { sendEmail, listOutbox } = await loadEmail();

    await sendEmail({ template: "two-factor-enabled", to: "list@example.com" });
    await new Promise((resolve) => setTimeout(resolve, 5)); // createdAt has millisecond precision
    await sendEmail({ template: "two-factor-disabled", to: "list@example.com" });

    const rows = await listOutbox(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.subject).toBe("Two-factor authentication was turned off for your Tessera account");
  });
});
