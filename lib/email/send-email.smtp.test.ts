import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

/** A real SMTP server on 127.0.0.1 that records each message nodemailer hands it. */
type Received = { user?: string; envelopeFrom?: string; envelopeTo: string[]; mail: ParsedMail };
let received: Received[] = [];
let refuseRecipients = false;
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    // Plain TCP on loopback: no certificate to make, and LOGIN/PLAIN allowed without TLS.
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "mailer" && auth.password === "p@ss word") callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
    onRcptTo(_address, _session, callback) {
      if (!refuseRecipients) return callback();
      callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        received.push({
          user: session.user as string | undefined,
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          envelopeTo: session.envelope.rcptTo.map((to) => to.address),
          mail,
        });
        callback();
      }, callback);
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  port = (server.server.address() as AddressInfo).port;
});

// This file's database (test/setup.ts) and the email renderer load on first use, which takes
// seconds on a busy machine; pay for that here, under the hook timeout, not in the first test.
beforeAll(async () => {
  const { latestOutboxMessage, renderEmail } = await import("./index");
  await latestOutboxMessage("warm-up@example.com");
  await renderEmail({ template: "two-factor-enabled", to: "warm-up@example.com" }, "https://tessera.test");
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const APP_URL = "https://tessera.test";
const smtpUrl = (user = "mailer", password = "p@ss word") =>
  `smtp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`;

/** getEnv() caches, so each test loads the module afresh after setting its environment. */
async function loadEmail() {
  vi.resetModules();
  return import("./index");
}

beforeEach(() => {
  received = [];
  refuseRecipients = false;
  vi.unstubAllEnvs();
  vi.stubEnv("APP_ENV", "test");
  vi.stubEnv("APP_URL", APP_URL);
  vi.stubEnv("RESEND_API_KEY", "");
  vi.stubEnv("SMTP_URL", smtpUrl());
  vi.stubEnv("EMAIL_FROM", "Tessera <security@tessera.test>");
});

const message = { template: "login-code", to: "ada@example.com", props: { code: "482913" } } as const;
const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  [field ?? []].flat().flatMap((object) => object.value.map((entry) => entry.address));

describe("sendEmail with SMTP_URL", () => {
  it("delivers the rendered email, signed in with the URL's credentials", async () => {
    const { sendEmail, renderEmail, latestOutboxMessage } = await loadEmail();

    const result = await sendEmail(message);

    expect(received).toHaveLength(1);
    const [{ user, envelopeFrom, envelopeTo, mail }] = received as [Received];
    expect(result).toEqual({ via: "smtp", id: mail.messageId });
    expect(user).toBe("mailer");
    expect(envelopeFrom).toBe("security@tessera.test");
    expect(envelopeTo).toEqual(["ada@example.com"]);
    expect(mail.from?.value).toEqual([{ name: "Tessera", address: "security@tessera.test" }]);
    expect(addresses(mail.to)).toEqual(["ada@example.com"]);
    const rendered = await renderEmail(message, APP_URL);
    expect(mail.subject).toBe("Your Tessera sign-in code");
    expect(mail.text?.trim()).toBe(rendered.text.trim());
    expect(mail.html).toBe(rendered.html);
    expect(mail.text).toContain("482913");
    // Delivered, so nothing readable is left behind in the database.
    expect(await latestOutboxMessage("ada@example.com")).toBeNull();
  });

  it("prefers Resend when both are set", async () => {
    vi.stubEnv("RESEND_API_KEY", "re_test_key");
    vi.stubEnv("RESEND_BASE_URL", `http://127.0.0.1:${port}`); // not HTTP: Resend fails, SMTP is not tried
    const { sendEmail } = await loadEmail();

    await expect(sendEmail(message)).rejects.toMatchObject({ code: "EMAIL_DELIVERY_FAILED" });
    expect(received).toHaveLength(0);
  });

  it("throws EmailError with the reply code when the server refuses the recipient", async () => {
    refuseRecipients = true;
    const { sendEmail, EmailError } = await loadEmail();

    const error = await sendEmail(message).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EmailError);
    expect(error).toMatchObject({ code: "EMAIL_DELIVERY_FAILED", provider: { status: 550 } });
    expect(received).toHaveLength(0);
  });

  it("throws EmailError when the credentials are wrong", async () => {
    vi.stubEnv("SMTP_URL", smtpUrl("mailer", "wrong"));
    const { sendEmail } = await loadEmail();

    await expect(sendEmail(message)).rejects.toMatchObject({ code: "EMAIL_DELIVERY_FAILED", provider: { status: 535 } });
    expect(received).toHaveLength(0);
  });

  it("throws EmailError when no server listens", async () => {
    const closed = new SMTPServer({ logger: false });
    closed.listen(0, "127.0.0.1");
    await once(closed.server, "listening");
    const deadPort = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    vi.stubEnv("SMTP_URL", `smtp://127.0.0.1:${deadPort}`);
    const { sendEmail } = await loadEmail();

    await expect(sendEmail(message)).rejects.toMatchObject({ code: "EMAIL_DELIVERY_FAILED", provider: { status: null } });
  });
});
