import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/locales";
import { smsBody, voiceScript, voiceTwiml, VOICES } from "./phone-text";

const APP_URL = "https://tessera.example";
const code = "048213";

describe("the text message", () => {
  it.each([
    ["en", "Your Tessera code is 048213. It expires in 10 minutes. Never share it."],
    ["ja", "Tessera確認コード：048213（10分間有効）。誰にも教えないでください。"],
    ["de", "Ihr Tessera-Code lautet 048213. Er ist 10 Minuten gültig. Geben Sie ihn niemals weiter."],
  ] as const)("is in the recipient's language (%s)", (locale, first) => {
    expect(smsBody({ locale, code }, APP_URL).split("\n")[0]).toBe(first);
  });

  it("ends with the origin-bound line WebOTP reads, for this site's host only", () => {
    for (const locale of LOCALES) expect(smsBody({ locale, code }, APP_URL).split("\n").at(-1)).toBe("@tessera.example #048213");
    expect(smsBody({ locale: "en", code }, "http://localhost:3201").split("\n").at(-1)).toBe("@localhost:3201 #048213");
  });

  it("fits in one GSM-7 text in English and German, and one UCS-2 text (70 characters) in Japanese, with a short host", () => {
    expect(smsBody({ locale: "en", code }, APP_URL).length).toBeLessThanOrEqual(160);
    expect(smsBody({ locale: "de", code }, APP_URL).length).toBeLessThanOrEqual(160);
    expect(smsBody({ locale: "ja", code }, APP_URL).length).toBeLessThanOrEqual(70);
  });
});

/** The digits a <Say> reads one by one, in order. */
const spokenDigits = (say: string) => [...say.matchAll(/<say-as interpret-as="digits">(\d)<\/say-as>/g)].map((match) => match[1]).join("");

describe("the call's TwiML", () => {
  it.each([
    ["en", "Polly.Joanna", "en-US", "Hello, this is Tessera. Your verification code is:", "It expires in 10 minutes."],
    ["ja", "Polly.Mizuki", "ja-JP", "こちらはTesseraです。確認コードをお伝えします。", "このコードの有効期限は10分です。"],
    ["de", "Polly.Vicki", "de-DE", "Hallo, hier ist Tessera. Ihr Bestätigungscode lautet:", "Er ist 10 Minuten gültig."],
  ] as const)("speaks %s with a voice of that language", (locale, voice, language, intro, expiry) => {
    const twiml = voiceTwiml({ locale, code });
    expect(VOICES[locale]).toEqual({ voice, language });
    const says = [...twiml.matchAll(/<Say voice="([^"]+)" language="([^"]+)">(.*?)<\/Say>/g)];
    expect(says).toHaveLength(2);
    for (const [, sayVoice, sayLanguage] of says) expect([sayVoice, sayLanguage]).toEqual([voice, language]);
    expect(twiml).toContain(`<s>${intro}</s>`);
    expect(twiml).toContain(expiry);
  });

  it("reads the code twice, digit by digit, slowly, with a pause after each digit and between the two readings", () => {
    for (const locale of LOCALES) {
      const twiml = voiceTwiml({ locale, code });
      expect(twiml.startsWith('<?xml version="1.0" encoding="UTF-8"?><Response><Pause length="1"/><Say')).toBe(true);
      const says = [...twiml.matchAll(/<Say [^>]*>(.*?)<\/Say>/g)].map((match) => match[1]!);
      expect(says.map(spokenDigits)).toEqual([code, code]);
      for (const say of says) {
        expect(say).toMatch(/<prosody rate="slow">(<say-as interpret-as="digits">\d<\/say-as><break time="700ms"\/>){6}<\/prosody>/);
      }
      expect(twiml).toMatch(/<\/Say><Pause length="1"\/><Say/);
    }
  });

  it("stays under Twilio's 4,000-character limit for inline TwiML", () => {
    for (const locale of LOCALES) expect(voiceTwiml({ locale, code }).length).toBeLessThan(4_000);
  });

  it("escapes what it speaks as XML", () => {
    // Codes are digits; the words come from messages, and must not break the document either way.
    expect(voiceTwiml({ locale: "en", code })).not.toMatch(/<(?!\/?(?:Response|Pause|Say|s|break|prosody|say-as)\b|\?xml)/);
  });
});

describe("the call's script in the outbox", () => {
  it.each([
    ["en", "Hello, this is Tessera. Your verification code is: 0 4 8 2 1 3", "Once again, your code is: 0 4 8 2 1 3"],
    ["ja", "こちらはTesseraです。確認コードをお伝えします。 0 4 8 2 1 3", "もう一度繰り返します。確認コードは、 0 4 8 2 1 3"],
    ["de", "Hallo, hier ist Tessera. Ihr Bestätigungscode lautet: 0 4 8 2 1 3", "Noch einmal, Ihr Code lautet: 0 4 8 2 1 3"],
  ] as const)("says the code twice (%s)", (locale, first, second) => {
    const lines = voiceScript({ locale, code }).split("\n");
    expect(lines.slice(0, 2)).toEqual([first, second]);
    expect(lines).toHaveLength(3);
  });
});
