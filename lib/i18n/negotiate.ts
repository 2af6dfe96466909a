import Negotiator from "negotiator";
import { isLocale, LOCALE_COOKIE, LOCALES, type Locale } from "./locales";

// Apart from locales.ts, which the language switchers import: the browser never needs negotiator.

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
