import { db } from "@/lib/db";
import { DEFAULT_LOCALE, recipientLocale, type Locale } from "@/lib/i18n/locales";

const localeFields = { locale: true, browserLocale: true } as const;

/**
 * The language of the person an address belongs to, for emails sent without one: the account
 * with that address, else the account waiting to move to it (an email change's confirmation
 * goes to the new address before the account has it), else English — a stranger's address, or
 * an account whose language nobody knows yet. Never throws: a failed lookup must not stop a
 * sign-in code from leaving, so it falls back to English.
 */
export async function localeForAddress(address: string, now = new Date()): Promise<Locale> {
  const email = address.trim().toLowerCase();
  try {
    const owner = await db.user.findUnique({ where: { email }, select: localeFields });
    if (owner) return recipientLocale(owner);
    const moving = await db.verificationToken.findFirst({
      where: { email: { equals: email, mode: "insensitive" }, purpose: "email-change", usedAt: null, expiresAt: { gt: now } },
      orderBy: { createdAt: "desc" },
      select: { user: { select: localeFields } },
    });
    return moving ? recipientLocale(moving.user) : DEFAULT_LOCALE;
  } catch (error) {
    console.error("Could not look up the language of an email's recipient; sending it in English:", error);
    return DEFAULT_LOCALE;
  }
}
