"use client";

import { useTranslations } from "next-intl";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("common.errorPage");
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 text-center">
      <h1 className="text-2xl font-semibold break-words">{t("heading")}</h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">{t("body")}</p>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white">
        {t("retry")}
      </button>
    </main>
  );
}
