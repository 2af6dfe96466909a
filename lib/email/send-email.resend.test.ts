import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

/** A local stand-in for api.resend.com that records what the real SDK sends it. */
type Received = { method?: string; url?: string; headers: IncomingMessage["headers"]; body: string };
let received: Received[] = [];
let answer: { status: number; body: string } = { status: 200, body: "{}" };
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push({ method: request.method, url: request.url, headers: request.headers, body: Buffer.concat(chunks).toString() });
    response.writeHead(answer.status, { "content-type": "application/json" }).end(answer.body);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const APP_URL = "https://tessera.test";

/** getEnv() caches, so each test loads the module afresh after setting its environment. */
async function loadEmail() {
  vi.resetModules();
  return import("./index");
}

beforeEach(() => {
  received = [];
  answer = { status: 200, body: JSON.stringify({ id: "email_123" }) };
  vi.unstubAllEnvs();
  vi.stubEnv("APP_ENV", "test");
  vi.stubEnv("APP_URL", APP_URL);
  vi.stubEnv("RESEND_API_KEY", "re_test_key");
  vi.stubEnv("EMAIL_FROM", "Tessera <security@tessera.test>");
  vi.stubEnv("RESEND_BASE_URL", baseUrl);
});

const message = { template: "login-code", to: "ada@example.com", props: { code: "482913" } } as const;

describe("sendEmail with RESEND_API_KEY", () => {
  it("posts the rendered email to /emails with the API key", async () => {
    const { sendEmail, renderEmail } = await loadEmail();

    await expect(sendEmail(message)).resolves.toEqual({ via: "resend", id: "email_123" });

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/emails");
    expect(request?.headers.authorization).toBe("Bearer re_test_key");
    expect(request?.headers["content-type"]).toBe("application/json");
    const rendered = await renderEmail(message, APP_URL);
    expect(JSON.parse(request?.body ?? "")).toEqual({
      from: "Tessera <security@tessera.test>",
      to: "ada@example.com",
      subject: "Your Tessera sign-in code",
      html: rendered.html,
      text: rendered.text,
    });
    expect(rendered.text).toContain("482913");
  });

  it("throws EmailError when Resend answers 4xx", async () => {
    answer = {
      status: 422,
      body: JSON.stringify({ statusCode: 422, name: "validation_error", message: "Invalid `from` field." }),
    };
    const { sendEmail, EmailError } = await loadEmail();

    const error = await sendEmail(message).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EmailError);
    expect(error).toMatchObject({
      code: "EMAIL_DELIVERY_FAILED",
      provider: { status: 422, name: "validation_error" },
      message: expect.stringContaining("Invalid `from` field."),
    });
  });

  it("throws EmailError when Resend answers 5xx without JSON", async () => {
    answer = { status: 503, body: "upstream unavailable" };
    const { sendEmail, EmailError } = await loadEmail();

    const error = await sendEmail(message).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EmailError);
    expect(error).toMatchObject({ code: "EMAIL_DELIVERY_FAILED", provider: { status: 503 } });
  });

  it("throws EmailError when Resend cannot be reached", async () => {
    const closed = createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    vi.stubEnv("RESEND_BASE_URL", `http://127.0.0.1:${port}`);
    const { sendEmail } = await loadEmail();

    await expect(sendEmail(message)).rejects.toMatchObject({
      code: "EMAIL_DELIVERY_FAILED",
      provider: { status: null },
    });
  });

  it("refuses a malformed recipient before calling Resend", async () => {
    const { sendEmail } = await loadEmail();

    await expect(sendEmail({ ...message, to: "ada@example.com, eve@example.com" })).rejects.toMatchObject({
      code: "EMAIL_INVALID_RECIPIENT",
    });
    expect(received).toHaveLength(0);
  });
});
