"use client";

import { useId, useSyncExternalStore, useTransition, type FormEvent } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { setBrowserLocaleAction } from "@/lib/actions/i18n/locale";
import { LOCALE_NAMES, LOCALES, type Locale } from "@/lib/i18n/locales";

const noChanges = () => () => {};

/**
 * The language of public pages, for this browser (a cookie; a signed-in person chooses on the
 * Account page). Each language is named in itself, so a person who cannot read the current one
 * still finds theirs; "browser language" forgets the choice. Nothing changes until the button
 * is pressed (WCAG 3.2.2: moving through the list with the arrow keys must not reload the page).
 * Without JavaScript the form posts and the page comes back in the new language.
 */
export function LanguageSwitcher({ chosen, className = "" }: { chosen: Locale | null; className?: string }) {
  const t = useTranslations("auth.language");
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const returnTo = search.size ? `${pathname}?${search}` : pathname;
  const id = useId();
  const [pending, startTransition] = useTransition();
  const hydrated = useSyncExternalStore(noChanges, () => true, () => false);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    // Focus stays on the button (never disabled while pending: a disabled button drops focus);
    // the page refreshes in place.
    startTransition(async () => {
      await setBrowserLocaleAction(formData);
      router.refresh();
    });
  }

  return (
    <form
      action={setBrowserLocaleAction}
      onSubmit={hydrated ? submit : undefined}
      aria-busy={pending || undefined}
      className={`flex flex-wrap items-center justify-center gap-2 text-sm text-slate-600 ${className}`}
    >
      <label htmlFor={id} className="flex items-center gap-1.5">
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.5" className="h-4 w-4 text-slate-500">
          <circle cx="10" cy="10" r="7.5" />
          <path d="M2.5 10h15M10 2.5c2 2.2 3 4.7 3 7.5s-1 5.3-3 7.5c-2-2.2-3-4.7-3-7.5s1-5.3 3-7.5Z" />
        </svg>
        {t("label")}
      </label>
      {!hydrated && <input type="hidden" name="returnTo" value={returnTo} />}
      <select
        id={id}
        name="locale"
        defaultValue={chosen ?? "auto"}
        className="rounded-md border-0 bg-white py-1 pr-8 pl-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
      >
        <option value="auto">{t("browser")}</option>
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="rounded-md px-2 py-1 font-medium text-brand-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        {t("submit")}
      </button>
    </form>
  );
}
