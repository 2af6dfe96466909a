import { getEnv } from "@/lib/env";
import { writeOutboxMessage } from "@/lib/email/outbox";
import type { Locale } from "@/lib/i18n/locales";
import { outboxSubject, smsBody, voiceScript, voiceTwiml, type PhoneChannel } from "./phone-text";
import { twilioSettings } from "./settings";
import { sendWithTwilio } from "./twilio";

export type PhoneMessage = { to: string; channel: PhoneChannel; locale: Locale; code: string };
export type SendPhoneResult = { via: "twilio" | "outbox"; id: string };

/**
 * Sends a one-time code as a text message or a call, in the recipient's language: through Twilio
 * when it is configured, else into the development outbox (channel "sms" or "voice", the text
 * or the spoken script). `options.apiBaseUrl` points the SDK elsewhere (tests).
 */
export async function sendPhoneMessage(message: PhoneMessage, options: { apiBaseUrl?: string } = {}): Promise<SendPhoneResult> {
  const env = getEnv();
  const text = { locale: message.locale, code: message.code };
  const twilio = twilioSettings(env);
  if (twilio) {
    const body = message.channel === "sms" ? smsBody(text, env.APP_URL) : "";
    const twiml = message.channel === "voice" ? voiceTwiml(text) : "";
    const id = await sendWithTwilio({ ...twilio, ...options }, { to: message.to, channel: message.channel, body, twiml });
    return { via: "twilio", id };
  }
  if (env.APP_ENV === "production") throw new Error("Phone messages need Twilio in production (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM).");
  const row = await writeOutboxMessage({
    channel: message.channel,
    to: message.to,
    subject: outboxSubject(message.channel, message.locale),
    text: message.channel === "sms" ? smsBody(text, env.APP_URL) : voiceScript(text),
    html: message.channel === "voice" ? voiceTwiml(text) : undefined,
  });
  return { via: "outbox", id: row.id };
}
