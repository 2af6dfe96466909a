import Negotiator from "negotiator";

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

/** The best of our languages for an Accept-Language header ("de-DE,de;q=0.9" → "de"), or null. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale | null {
  if (!acceptLanguage) return null;
  const preferred = new Negotiator({ headers: { "accept-language": acceptLanguage.slice(0, 512) } }).languages([...LOCALES]);
  return preferred.find(isLocale) ?? null;
}

/** What a browser asks for: the public switcher's cookie, else Accept-Language; null when neither names one of ours. */
export function localeFromHeaders(headers: Headers): Locale | null {
  const cookie = headers.get("cookie")?.match(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]*)`))?.[1];
  if (isLocale(cookie)) return cookie;
  return negotiateLocale(headers.get("accept-language"));
}

/** The language of a person's emails: their choice, else their browser's at their last sign-in, else English. */
export function recipientLocale(user: { locale: string | null; browserLocale: string | null }): Locale {
  if (isLocale(user.locale)) return user.locale;
  if (isLocale(user.browserLocale)) return user.browserLocale;
  return DEFAULT_LOCALE;
}
