"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { notice } from "@/lib/i18n/message";
import { defineAction, definePostAction } from "@/lib/actions/define-action";
import { setAccountLocale } from "@/lib/account/locale";
import { getEnv } from "@/lib/env";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/locales";

const browserSchema = z.object({ locale: z.enum(["auto", ...LOCALES], "validation.chooseLanguage"), returnTo: z.string().max(2048).optional() });

/**
 * The language switcher of public pages: a cookie for this browser. A signed-in person's choice lives on their account
 * (setAccountLocaleAction), which also decides their emails.
 */
export const setBrowserLocaleAction = definePostAction({
  access: "public",
  input: browserSchema,
  run: async ({ locale, returnTo }) => {
    const jar = await cookies();
    // "auto" forgets the choice: the browser's Accept-Language decides again.
    if (locale === "auto") jar.delete(LOCALE_COOKIE);
    else jar.set(LOCALE_COOKIE, locale, { sameSite: "lax", path: "/", secure: getEnv().APP_URL.startsWith("https://"), maxAge: 400 * 24 * 60 * 60 });
    // A form posted without JavaScript gets its page back in the new language; a script
    // refreshes the page itself and keeps focus on the switcher.
    if (returnTo) redirect(safeRedirectPath(returnTo, "/sign-in"));
    return { ok: true };
  },
});

const accountSchema = z.object({ locale: z.enum(["auto", ...LOCALES], "validation.chooseLanguage") });

/** The Language choice on the Account page: a language, or "auto" to follow the browser. */
export const setAccountLocaleAction = defineAction({
  access: "signed_in",
  input: accountSchema,
  run: async ({ locale }, { session, request }) => {
    await setAccountLocale(session.userId, locale === "auto" ? null : locale, request);
    return { ok: true, message: notice("notices.languageSaved") };
  },
});
