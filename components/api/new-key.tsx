"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

/** The new key, once: in data-testid="api-key", with Copy and the warning that it is not shown again. */
export function NewKey({ apiKey, name, onDone }: { apiKey: string; name: string; onDone: () => void }) {
  const t = useTranslations("api.shown");
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => region.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(apiKey);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <div ref={region} tabIndex={-1} role="region" aria-label={t("title", { name })} className="space-y-3 rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200 focus:outline-none">
      <p className="font-medium text-slate-900">{t("title", { name })}</p>
      <p className="text-sm text-amber-900">{t("warning")}</p>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <code data-testid="api-key" className="min-w-0 flex-1 select-all break-all rounded-md bg-white px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-slate-300">
          {apiKey}
        </code>
        <Button type="button" variant="secondary" onClick={copy}>
          {copied === "yes" ? t("copied") : t("copy")}
        </Button>
      </div>
      <p aria-live="polite" className="text-sm text-slate-700">
        {copied === "failed" ? t("copyFailed") : copied === "yes" ? t("copied") : ""}
      </p>
      <Button type="button" onClick={onDone}>
        {t("done")}
      </Button>
    </div>
  );
}
