import type { ReactNode } from "react";
import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { LanguageSwitcher } from "@/components/ui/language-switcher";
import { Logo } from "@/components/ui/logo";
import { currentSession } from "@/lib/auth/session";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { messagesByLocale } from "@/lib/i18n/messages";

/** What the auth pages' client components read: all of "auth" but what only the server renders ("Try another way", the tagline). */
const AUTH_CLIENT_MESSAGES = Object.keys(messagesByLocale.en.auth)
  .filter((key) => key !== "other" && key !== "tagline")
  .map((key) => `auth.${key}`);

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("auth");
  // A language chosen on the Account page outranks this browser's cookie (lib/i18n/locale.ts),
  // so the switcher would change nothing for that person: it is left out.
  const accountLocale = isLocale((await currentSession().catch(() => null))?.user.locale);
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  return (
    <main className="flex min-h-dvh flex-col items-center px-4 py-10 sm:justify-center sm:py-16">
      <Logo className="mb-8 text-xl" />
      {/* The forms of sign-in, sign-up, the challenge and password reset, and the language switcher. */}
      <ClientMessages namespaces={[...AUTH_CLIENT_MESSAGES, ...FORM_MESSAGES]}>
        <div className="w-full max-w-sm rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">{children}</div>
        {!accountLocale && <LanguageSwitcher chosen={isLocale(chosen) ? chosen : null} className="mt-6" />}
      </ClientMessages>
      <p className="mt-6 max-w-sm text-center text-xs text-slate-500">{t("tagline")}</p>
    </main>
  );
}
