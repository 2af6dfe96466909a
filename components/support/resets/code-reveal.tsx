"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";

/**
 * The temporary access code, shown once to the admin who issued it (it is never stored in
 * clear and never shown again): to read out or copy, with its expiry.
 */
export function CodeReveal({ code, expiresAt, onDone }: { code: string; expiresAt: string; onDone: () => void }) {
  const t = useTranslations("supportResets.code");
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard?.writeText(code).then(() => setCopied(true), () => setCopied(false));
  };
  return (
    <div className="space-y-3 rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200" role="region" aria-label={t("heading")}>
      <h3 className="text-sm font-semibold text-slate-900">{t("heading")}</h3>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <p className="font-mono text-2xl font-semibold tracking-wider break-all text-slate-900" data-testid="temporary-access-code">
        {code}
      </p>
      <p className="text-sm text-slate-700">{t.rich("expires", { time: () => <LocalTime value={expiresAt} /> })}</p>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" onClick={copy}>
          {copied ? t("copied") : t("copy")}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          {t("hide")}
        </Button>
      </div>
      <p className="sr-only" aria-live="polite">
        {copied ? t("copied") : ""}
      </p>
    </div>
  );
}
