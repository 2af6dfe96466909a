"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { FormState } from "@/lib/actions/form-state";
import { setEmailLoginVerificationAction } from "@/lib/actions/security/email-login";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { useMessageText } from "@/components/ui/message-text";
import { SudoPrompt } from "./sudo-prompt";
import { useProtectedAction } from "./use-protected-action";

export function EmailLoginCard({ enabled, emailVerified, replacedByTwoFactor }: { enabled: boolean; emailVerified: boolean; replacedByTwoFactor: boolean }) {
  const t = useTranslations("security.emailLogin");
  const text = useMessageText();
  const router = useRouter();
  const toggle = useProtectedAction<FormState>((formData) => setEmailLoginVerificationAction({}, formData));
  const changed = toggle.state?.ok === true;
  useEffect(() => {
    if (changed) router.refresh();
  }, [changed, router]);

  const submit = (value: boolean) => {
    const formData = new FormData();
    formData.set("enabled", String(value));
    toggle.run(formData);
  };

  return (
    <Card
      title={t("title")}
      description={t("description")}
      actions={enabled ? <Badge tone={replacedByTwoFactor ? "slate" : "green"}>{replacedByTwoFactor ? t("notInUse") : t("on")}</Badge> : <Badge>{t("off")}</Badge>}
    >
      <div className="space-y-4">
        {replacedByTwoFactor && (
          <Alert tone="info">{t("replaced")}</Alert>
        )}
        {!emailVerified && !enabled && !replacedByTwoFactor && <Alert tone="warning">{t("verifyFirst")}</Alert>}
        {toggle.state?.message && toggle.state.code !== "sudo_required" && (
          <Alert tone={toggle.state.ok ? "success" : "error"}>{text(toggle.state.message)}</Alert>
        )}
        {toggle.sudo ? (
          <SudoPrompt method={toggle.sudo} onVerified={toggle.retry} onCancel={toggle.reset} />
        ) : enabled ? (
          <Button variant="secondary" disabled={toggle.pending} onClick={() => submit(false)}>
            {t("turnOff")}
          </Button>
        ) : (
          <Button variant="secondary" disabled={toggle.pending || !emailVerified || replacedByTwoFactor} onClick={() => submit(true)}>
            {t("turnOn")}
          </Button>
        )}
      </div>
    </Card>
  );
}
