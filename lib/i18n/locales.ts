/** The languages Tessera speaks. English is the default and the fallback. */
export const LOCALES = ["en", "ja", "de"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language's name in itself, for the switchers. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", ja: "日本語", de: "Deutsch" };

/** The cookie a public page's language switcher sets (a signed-in person's choice lives on their account). */
export const LOCALE_COOKIE = "tessera-locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The language of a person's emails: their choice, else their browser's at their last sign-in, else English. */
export function recipientLocale(user: { locale: string | null; browserLocale: string | null }): Locale {
  if (isLocale(user.locale)) return user.locale;
  if (isLocale(user.browserLocale)) return user.browserLocale;
  return DEFAULT_LOCALE;
}
