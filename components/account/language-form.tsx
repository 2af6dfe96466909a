"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId } from "react";
import { setAccountLocaleAction } from "@/lib/actions/i18n/locale";
import type { FormState } from "@/lib/actions/form-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";
import { LOCALE_NAMES, LOCALES, type Locale } from "@/lib/i18n/locales";

const initial: FormState = {};

/**
 * The person's language for pages and emails: one of ours, or "auto" to follow the browser.
 * A plain select and a submit button, so it works with the keyboard and before hydration;
 * once saved, the page renders again in the new language.
 */
export function LanguageForm({ current }: { current: Locale | null }) {
  const t = useTranslations("account.language");
  const text = useMessageText();
  const locale = useLocale();
  const router = useRouter();
  const id = useId();
  const { state, pending, form } = useFormAction<FormState>(setAccountLocaleAction, initial);
  useEffect(() => {
    if (state.ok) router.refresh();
  }, [state, router]);
  const error = state.fieldErrors?.locale?.[0];
  return (
    <form {...form} className="space-y-4">
      {/* Keyed by the language, so the notice is read out again in the language just chosen. */}
      {state.message && (
        <Alert key={locale} tone={state.ok ? "success" : "error"}>
          {text(state.message)}
        </Alert>
      )}
      <div className="max-w-xs">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {t("label")}
        </label>
        <select
          id={id}
          name="locale"
          defaultValue={current ?? "auto"}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="mt-1 block w-full rounded-md border-0 bg-white py-2 pr-8 pl-3 text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-600 sm:text-sm"
        >
          <option value="auto">{t("auto")}</option>
          {LOCALES.map((code) => (
            <option key={code} value={code} lang={code}>
              {LOCALE_NAMES[code]}
            </option>
          ))}
        </select>
        {error && (
          <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
            {text(error)}
          </p>
        )}
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("save")}
      </Button>
    </form>
  );
}
