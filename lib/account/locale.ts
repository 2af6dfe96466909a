import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/http/request-context";
import type { Locale } from "@/lib/i18n/locales";

/** The person's language for pages and emails; null follows the browser. */
export async function setAccountLocale(userId: string, locale: Locale | null, context: RequestContext): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { locale } });
    await recordAudit(tx, { type: "account.locale_changed", actorId: userId, metadata: { locale: locale ?? "auto" }, context });
  });
}

/** What the browser asked for at sign-up or sign-in, so emails caused by others go out in it too. */
export async function rememberBrowserLocale(userId: string, locale: Locale | null): Promise<void> {
  if (!locale) return;
  await db.user.updateMany({ where: { id: userId, NOT: { browserLocale: locale } }, data: { browserLocale: locale } });
}
