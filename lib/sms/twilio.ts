import type { PhoneChannel } from "./phone-text";

/** The account that sends: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM (lib/env.ts). */
export type TwilioSettings = {
  accountSid: string;
  authToken: string;
  from: string;
  /** Another address for Twilio's REST API (a local stand-in in tests); api.twilio.com when unset. */
  apiBaseUrl?: string;
};

/** What leaves: a text message's body, or a call's TwiML. */
export type TwilioMessage = { to: string; channel: PhoneChannel; body: string; twiml: string };

export class PhoneDeliveryError extends Error {
  name = "PhoneDeliveryError";
  constructor(
    message: string,
    readonly details: { status?: number; code?: number } = {},
  ) {
    super(message);
  }
}

/** A provider that never answers must not hang the request that asked for the code. */
const TIMEOUT_MS = 15_000;

/**
 * Sends through the official SDK: `messages.create` for a text, `calls.create` with inline TwiML
 * for a call. Returns Twilio's SID for the message or call. The SDK is loaded on first use (it
 * is large and most requests never send). Failures (Twilio's refusals and network errors
 * alike) become PhoneDeliveryError, without the number or the text in the message.
 */
export async function sendWithTwilio(settings: TwilioSettings, message: TwilioMessage): Promise<string> {
  const { default: twilio } = await import("twilio");
  // No retries: a retried call rings the person twice; env: {} keeps the SDK from reading TWILIO_* itself.
  const client = twilio(settings.accountSid, settings.authToken, { timeout: TIMEOUT_MS, autoRetry: false, env: {} as NodeJS.ProcessEnv });
  if (settings.apiBaseUrl) client.api.baseUrl = settings.apiBaseUrl;
  try {
    if (message.channel === "sms") {
      const sent = await client.messages.create({ to: message.to, from: settings.from, body: message.body });
      return sent.sid;
    }
    const call = await client.calls.create({ to: message.to, from: settings.from, twiml: message.twiml });
    return call.sid;
  } catch (error) {
    const { status, code } = (error ?? {}) as { status?: number; code?: number };
    throw new PhoneDeliveryError(`Twilio did not accept the ${message.channel === "sms" ? "text message" : "call"}${status ? ` (HTTP ${status}${code ? `, error ${code}` : ""})` : ""}.`, {
      status,
      code,
    });
  }
}
