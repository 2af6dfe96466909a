"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { SudoMethod } from "@/lib/actions/form-state";
import { SudoPrompt } from "@/components/security/sudo-prompt";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { usePolicyValues } from "@/components/ui/policy-values";

/**
 * Twilio's "Authenticate to make changes": the settings show as they are, with their controls
 * disabled, until the viewer confirms it is them (sudo mode, rule 6). Then, until sudo mode ends,
 * the controls are on; when it ends the page reads it again and they go off.
 */
export function SettingsLock({ until, method }: { until: string | null; method: SudoMethod | null }) {
  const t = useTranslations("projectSettings.lock");
  const router = useRouter();
  const { sudoMinutes } = usePolicyValues();
  const [prompting, setPrompting] = useState(false);
  // After "Authenticate to make changes", focus lands on the news that the settings are open
  // (the prompt that held it is gone), so a keyboard or screen reader user goes on from there.
  const verified = useRef(false);
  const unlocked = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (until && verified.current) {
      verified.current = false;
      unlocked.current?.focus();
    }
  }, [until]);

  useEffect(() => {
    if (!until) return;
    const timer = setTimeout(() => router.refresh(), Math.max(0, new Date(until).getTime() - Date.now()) + 1_000);
    return () => clearTimeout(timer);
  }, [until, router]);

  if (until) {
    return (
      <Alert tone="success" ref={unlocked}>
        {t.rich("unlockedUntil", { time: () => <LocalTime value={until} /> })}
      </Alert>
    );
  }
  return (
    <div className="space-y-3 rounded-lg bg-white p-5 shadow-xs ring-1 ring-slate-200">
      <h2 className="text-base font-semibold text-slate-900">{t("title")}</h2>
      <p className="text-sm text-slate-600">{t("body", { sudoMinutes })}</p>
      {prompting && method ? (
        <SudoPrompt
          method={method}
          onVerified={() => {
            verified.current = true;
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
