"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { SudoMethod } from "@/lib/actions/form-state";
import { SudoPrompt } from "@/components/security/sudo-prompt";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { usePolicyValues } from "@/components/ui/policy-values";

/**
 * Sudo mode for the import page (DESIGN rule 6): until the viewer confirms it is them, upload,
 * import and the export with codes are off; when the window ends the page reads it again.
 */
export function ImportLock({ until, method }: { until: string | null; method: SudoMethod | null }) {
  const t = useTranslations("accessImport.lock");
  const router = useRouter();
  const { sudoMinutes } = usePolicyValues();
  const [prompting, setPrompting] = useState(false);

  useEffect(() => {
    if (!until) return;
    const timer = setTimeout(() => router.refresh(), Math.max(0, new Date(until).getTime() - Date.now()) + 1_000);
    return () => clearTimeout(timer);
  }, [until, router]);

  if (until) return <Alert tone="success">{t.rich("unlockedUntil", { time: () => <LocalTime value={until} /> })}</Alert>;
  return (
    <div className="space-y-3 rounded-lg bg-white p-5 shadow-xs ring-1 ring-slate-200">
      <h2 className="text-base font-semibold text-slate-900">{t("title")}</h2>
      <p className="text-sm text-slate-600">{t("body", { sudoMinutes })}</p>
      {prompting && method ? (
        <SudoPrompt
          method={method}
          onVerified={() => {
            setPrompting(false);
            router.refresh();
          }}
          onCancel={() => setPrompting(false)}
        />
      ) : (
        <Button onClick={() => setPrompting(true)}>{t("authenticate")}</Button>
      )}
    </div>
  );
}
