import type { Locale } from "./locales";
import en from "@/messages/en";
import ja from "@/messages/ja";
import de from "@/messages/de";

/** Every string a person reads, per language. English is the source; ja and de have the same keys (lib/i18n/messages.test.ts). */
export const messagesByLocale: Record<Locale, Messages> = { en, ja, de };

export type Messages = typeof en;

/**
 * The messages client components may need. The parts only the server renders (emails, audit
 * labels, the support console) stay out: every page would otherwise carry them to the browser.
 */
export function clientMessages(messages: Messages) {
  const { email: _email, audit: _audit, support: _support, ...rest } = messages;
  return rest;
}
