"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { KeyRegisteredState } from "@/lib/actions/security/security-keys";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { useNotice } from "@/components/ui/use-notice";
import { RecoveryCodesPanel } from "./recovery-codes-panel";
import { RegisterKeyForm } from "./register-key-form";
import { SecurityKeyRow, type SecurityKeyView } from "./security-key-row";

export type { SecurityKeyView };

/**
 * Security keys and passkeys (id="security-keys"): the person's keys with Rename and Remove, and
 * Register security key. A first key turns 2FA on and brings recovery codes, shown here once.
 * Needs the "keys.card", "keys.browser" and "security" messages (the sudo prompt, the recovery codes panel).
 */
export function SecurityKeysCard({ keys }: { keys: SecurityKeyView[] }) {
  const t = useTranslations("keys.card");
  const { notice, ref, show, clear } = useNotice();
  const [codes, setCodes] = useState<{ codes: string[]; text: string; name: string } | null>(null);

  const registered = (state: KeyRegisteredState) => {
    const name = state.name ?? "";
    if (state.recoveryCodes) setCodes({ codes: state.recoveryCodes, text: state.recoveryText ?? "", name });
    else show(t("registered", { name }));
  };

  return (
    <div id="security-keys" className="scroll-mt-6">
      <Card title={t("title")} description={t("description")}>
        <div className="space-y-4">
          {notice && (
            <Alert ref={ref} tone="success">
              {notice}
            </Alert>
          )}
          {codes ? (
            <RecoveryCodesPanel codes={codes.codes} text={codes.text} onDone={() => (setCodes(null), show(t("registered", { name: codes.name })))} />
          ) : (
            <>
              {keys.length > 0 ? (
                <ul aria-label={t("listLabel")} className="divide-y divide-slate-100">
                  {keys.map((entry) => (
                    <SecurityKeyRow key={entry.id} entry={entry} onStart={clear} onDone={show} />
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-600">{t("none")}</p>
              )}
              <div className="border-t border-slate-100 pt-4">
                <RegisterKeyForm onStart={clear} onRegistered={registered} />
              </div>
            </>
          )}
        </div>
      </Card>
    </div>
  );
}
