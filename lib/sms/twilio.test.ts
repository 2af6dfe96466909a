import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Locale } from "@/lib/i18n/locales";

/**
 * A local stand-in for api.twilio.com that records what the real SDK (twilio 6) sends it: the
 * SDK's own request code runs, only its API base points here (client.api.baseUrl).
 */
type Received = { method?: string; url?: string; headers: IncomingMessage["headers"]; form: URLSearchParams };
let received: Received[] = [];
let answer: { status: number; body: object } = { status: 201, body: {} };
let server: Server;
let baseUrl: string;

const SID = `AC${"0123456789abcdef".repeat(2)}`;
const TOKEN = "a".repeat(32);
const FROM = "+14155550100";
const APP_URL = "https://tessera.test";

/** The first free port of the range this project's helpers keep for Twilio stand-ins. */
async function listenInRange(target: Server): Promise<number> {
  for (let port = 3290; port <= 3299; port++) {
    try {
      target.listen(port, "127.0.0.1");
      await once(target, "listening");
      return port;
    } catch {
      target.close();
    }
  }
  throw new Error("No free port in 3290-3299 for the Twilio stand-in");
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push({ method: request.method, url: request.url, headers: request.headers, form: new URLSearchParams(Buffer.concat(chunks).toString()) });
    response.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
  });
  baseUrl = `http://127.0.0.1:${await listenInRange(server)}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** getEnv() caches, so each test loads the module afresh after setting its environment. */
async function loadSms() {
  vi.resetModules();
  return import("./index");
}

beforeEach(() => {
  received = [];
  vi.unstubAllEnvs();
  vi.stubEnv("APP_ENV", "test");
  vi.stubEnv("APP_URL", APP_URL);
  vi.stubEnv("TWILIO_ACCOUNT_SID", SID);
  vi.stubEnv("TWILIO_AUTH_TOKEN", TOKEN);
  vi.stubEnv("TWILIO_FROM", FROM);
});

const basicAuth = `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString("base64")}`;

describe("sendPhoneMessage through the Twilio SDK", () => {
  it.each(["en", "ja", "de"] as const)("posts a text message to Messages.json with Basic auth: To, From, Body in the recipient's language (%s)", async (locale: Locale) => {
    answer = { status: 201, body: { sid: "SM0123", status: "queued" } };
    const { sendPhoneMessage, smsBody } = await loadSms();

    await expect(sendPhoneMessage({ to: "+819012345678", channel: "sms", locale, code: "482913" }, { apiBaseUrl: baseUrl })).resolves.toEqual({ via: "twilio", id: "SM0123" });

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(request?.headers.authorization).toBe(basicAuth);
    expect(request?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect([...request!.form.keys()].sort()).toEqual(["Body", "From", "To"]);
    expect(request?.form.get("To")).toBe("+819012345678");
    expect(request?.form.get("From")).toBe(FROM);
    expect(request?.form.get("Body")).toBe(smsBody({ locale, code: "482913" }, APP_URL));
    expect(request?.form.get("Body")).toContain("482913");
  });

  it.each([
    ["en", "Polly.Joanna", "en-US", "Your verification code is:"],
    ["ja", "Polly.Mizuki", "ja-JP", "確認コードをお伝えします。"],
    ["de", "Polly.Vicki", "de-DE", "Ihr Bestätigungscode lautet:"],
  ] as const)("places a call through Calls.json with the TwiML that reads the code twice in %s", async (locale, voice, language, words) => {
    answer = { status: 201, body: { sid: "CA0456", status: "queued" } };
    const { sendPhoneMessage, voiceTwiml } = await loadSms();

    await expect(sendPhoneMessage({ to: "+4915123456789", channel: "voice", locale, code: "305117" }, { apiBaseUrl: baseUrl })).resolves.toEqual({ via: "twilio", id: "CA0456" });

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe(`/2010-04-01/Accounts/${SID}/Calls.json`);
    expect(request?.headers.authorization).toBe(basicAuth);
    expect([...request!.form.keys()].sort()).toEqual(["From", "To", "Twiml"]);
    expect(request?.form.get("To")).toBe("+4915123456789");
    expect(request?.form.get("From")).toBe(FROM);
    const twiml = request?.form.get("Twiml") ?? "";
    expect(twiml).toBe(voiceTwiml({ locale, code: "305117" }));
    expect(twiml.match(new RegExp(`<Say voice="${voice}" language="${language}">`, "g"))).toHaveLength(2);
    expect(twiml).toContain(words);
    expect(twiml.match(/<say-as interpret-as="digits">\d<\/say-as>/g)?.join("")).toBe(
      [..."305117305117"].map((digit) => `<say-as interpret-as="digits">${digit}</say-as>`).join(""),
    );
  });

  it("turns Twilio's refusal into PhoneDeliveryError without the number or the code in its message", async () => {
    answer = { status: 400, body: { code: 21211, message: "The 'To' number +819012345678 is not a valid phone number.", status: 400 } };
    const { sendPhoneMessage, PhoneDeliveryError } = await loadSms();

    const error = await sendPhoneMessage({ to: "+819012345678", channel: "sms", locale: "en", code: "482913" }, { apiBaseUrl: baseUrl }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PhoneDeliveryError);
    expect(error).toMatchObject({ details: { status: 400, code: 21211 } });
    expect((error as Error).message).not.toMatch(/819012345678|482913/);
    expect(received).toHaveLength(1);
  });

  it("does not retry: a call refused with 429 is not placed twice", async () => {
    answer = { status: 429, body: { code: 20429, message: "Too Many Requests", status: 429 } };
    const { sendPhoneMessage, PhoneDeliveryError } = await loadSms();
    await expect(sendPhoneMessage({ to: "+4915123456789", channel: "voice", locale: "de", code: "305117" }, { apiBaseUrl: baseUrl })).rejects.toBeInstanceOf(PhoneDeliveryError);
    expect(received).toHaveLength(1);
  });
});

describe("sendPhoneMessage without Twilio settings", () => {
  it("is available outside production (the outbox stands in); production offers no phone methods", async () => {
    vi.stubEnv("TWILIO_ACCOUNT_SID", "");
    vi.stubEnv("TWILIO_AUTH_TOKEN", "");
    vi.stubEnv("TWILIO_FROM", "");
    const { phoneDeliveryAvailable, twilioSettings } = await loadSms();
    const { parseEnv } = await import("@/lib/env");
    expect(twilioSettings()).toBeNull();
    expect(phoneDeliveryAvailable()).toBe(true);
    const production = { APP_ENV: "production", AUTH_SECRET: "s".repeat(40), ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"), AUDIT_SIGNING_KEY: Buffer.alloc(32, 2).toString("base64"), APP_URL, SMTP_URL: "smtp://mail.tessera.test" };
    expect(phoneDeliveryAvailable(parseEnv(production))).toBe(false);
    expect(phoneDeliveryAvailable(parseEnv({ ...production, TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_FROM: FROM }))).toBe(true);
    expect(received).toHaveLength(0);
  });
});
