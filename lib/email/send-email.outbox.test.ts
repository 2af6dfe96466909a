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
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("sendEmail without RESEND_API_KEY", () => {
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

  it("in production, still writes to the outbox and warns once", async () => {
    vi.stubEnv("APP_ENV", "production");
    vi.stubEnv("AUTH_SECRET", "x".repeat(40));
    vi.stubEnv("ENCRYPTION_KEY", Buffer.alloc(32, 1).toString("base64"));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { sendEmail, listOutbox } = await loadEmail();

    await sendEmail({ template: "recovery-code-used", to: "prod@example.com", props: { remaining: 5 } });
    await sendEmail({ template: "two-factor-locked", to: "prod@example.com", props: { until: new Date() } });

    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain("RESEND_API_KEY is not set");
    const rows = (await listOutbox(10)).filter((row) => row.to === "prod@example.com");
    expect(rows.map((row) => row.subject).sort()).toEqual([
      "A recovery code was used to sign in to Tessera",
      "Two-factor sign-in to your Tessera account is paused",
    ]);
  });
});
