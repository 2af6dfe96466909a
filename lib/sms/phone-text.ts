import { createTranslator } from "next-intl";
import VoiceResponse from "twilio/lib/twiml/VoiceResponse";
import { messagesByLocale, type Messages } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/locales";
import { POLICY_VALUES } from "@/lib/policy/limits";

export type PhoneChannel = "sms" | "voice";

/** What one text message or call says: a code, in the recipient's language. */
export type PhoneText = { locale: Locale; code: string };

/**
 * A voice per language that Twilio offers for <Say> and that reads SSML (<say-as>, <break>,
 * <prosody>): Amazon Polly's standard voices. Twilio's own man/woman/alice ignore SSML.
 */
export const VOICES: Record<Locale, { voice: "Polly.Joanna" | "Polly.Mizuki" | "Polly.Vicki"; language: "en-US" | "ja-JP" | "de-DE" }> = {
  en: { voice: "Polly.Joanna", language: "en-US" },
  ja: { voice: "Polly.Mizuki", language: "ja-JP" },
  de: { voice: "Polly.Vicki", language: "de-DE" },
};

function words(locale: Locale) {
  return createTranslator<Messages, "phone.delivery">({ locale, messages: messagesByLocale[locale], namespace: "phone.delivery" });
}

const minutes = POLICY_VALUES.codeMinutes;

/**
 * The text message: the code, how long it lasts, never share it; then the origin-bound last line
 * (`@host #code`) that browsers' WebOTP API reads to fill the field in for this site only.
 */
export function smsBody({ locale, code }: PhoneText, appUrl: string): string {
  return `${words(locale)("sms", { code, minutes })}\n\n@${new URL(appUrl).host} #${code}`;
}

/**
 * The call: a short greeting, then the code digit by digit, slowly, twice, and how long it
 * lasts. A second's pause first, while the phone travels to the ear.
 */
export function voiceTwiml({ locale, code }: PhoneText): string {
  const t = words(locale);
  const response = new VoiceResponse();
  const speak = (build: (say: VoiceResponse.Say) => void) => build(response.say(VOICES[locale], ""));
  const digits = (say: VoiceResponse.Say) => {
    const slow = say.prosody({ rate: "slow" }, "");
    for (const digit of code) {
      slow.sayAs({ "interpret-as": "digits" }, digit);
      slow.break({ time: "700ms" });
    }
  };
  response.pause({ length: 1 });
  speak((say) => {
    say.s(t("voiceIntro"));
    say.break({ time: "500ms" });
    digits(say);
  });
  response.pause({ length: 1 });
  speak((say) => {
    say.s(t("voiceAgain"));
    say.break({ time: "500ms" });
    digits(say);
    say.s(t("voiceOutro", { minutes }));
  });
  return response.toString();
}

/** What the call says, as plain text, for the development outbox. */
export function voiceScript({ locale, code }: PhoneText): string {
  const t = words(locale);
  const spaced = [...code].join(" ");
  return [`${t("voiceIntro")} ${spaced}`, `${t("voiceAgain")} ${spaced}`, t("voiceOutro", { minutes })].join("\n");
}

/** The outbox's heading for a message on this channel. */
export function outboxSubject(channel: PhoneChannel, locale: Locale): string {
  return words(locale)(channel === "sms" ? "outboxSms" : "outboxVoice");
}
