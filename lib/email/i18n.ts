import { createFormatter, createTranslator } from "next-intl";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { messagesByLocale, type Messages } from "@/lib/i18n/messages";

/** The `email` namespace's translator, fixed to one recipient's language. */
export type EmailTranslator = ReturnType<typeof createTranslator<Messages, "email">>;

/**
 * Intl's tag per language for dates: English is written the British way (2 January 2030,
 * 03:04), as everywhere else in Tessera (lib/format.ts).
 */
const INTL_LOCALE: Record<Locale, string> = { en: "en-GB", ja: "ja", de: "de" };

export type EmailFormat = {
  /** A date and time in UTC with the zone named: emails don't know the reader's zone. "2 January 2030 at 03:04 UTC". */
  dateTime: (date: Date) => string;
  /** The same, shorter, for files: "2 Jan 2030, 03:04 UTC". */
  shortDateTime: (date: Date) => string;
};

/**
 * Words and dates for one language, without a request: emails also leave from background work
 * (next/server `after`), where next-intl's getTranslations has no request to ask.
 */
export function emailIntl(locale: Locale = DEFAULT_LOCALE): { locale: Locale; t: EmailTranslator; format: EmailFormat } {
  const t = createTranslator({ locale, messages: messagesByLocale[locale], namespace: "email" });
  // createFormatter's type allows only our three tags; the British tag is still a valid one.
  const formatter = createFormatter({ locale: INTL_LOCALE[locale] as Locale, timeZone: "UTC" });
  const time = { hour: "2-digit", minute: "2-digit", timeZoneName: "short" } as const;
  return {
    locale,
    t,
    format: {
      dateTime: (date) => formatter.dateTime(date, { day: "numeric", month: "long", year: "numeric", ...time }),
      shortDateTime: (date) => formatter.dateTime(date, { day: "numeric", month: "short", year: "numeric", ...time }),
    },
  };
}
