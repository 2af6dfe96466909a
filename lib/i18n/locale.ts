import { cache } from "react";
import { headers } from "next/headers";
import { currentSession } from "@/lib/auth/session";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./locales";
import { localeFromHeaders } from "./negotiate";

/**
 * The viewer's language: their choice on the Account page, else the language a public page's
 * switcher set, else the browser's Accept-Language, else English.
 */
export const requestLocale = cache(async (): Promise<Locale> => {
  const session = await currentSession().catch(() => null);
  if (isLocale(session?.user.locale)) return session.user.locale;
  return localeFromHeaders(await headers()) ?? DEFAULT_LOCALE;
});
