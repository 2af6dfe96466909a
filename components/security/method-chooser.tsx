"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";

export type FirstMethod = "totp" | "webauthn" | "phone";

/**
 * Turning 2FA on: which method to set up first, the previously used one preselected (Twilio).
 * The app is set up here; a key or a number in their own cards, which this scrolls to.
 */
export function MethodChooser({ preselected, onTotp, onCancel }: { preselected: FirstMethod; onTotp: () => void; onCancel: () => void }) {
  const t = useTranslations("security.twoFactor");
  const [choice, setChoice] = useState<FirstMethod>(preselected);
  const go = () => {
    if (choice === "totp") return onTotp();
    const card = document.getElementById(choice === "webauthn" ? "security-keys" : "phone");
    card?.scrollIntoView({ behavior: "smooth", block: "start" });
    // The card's first field (a key's name, a phone number), else its first button.
    (card?.querySelector<HTMLElement>("input:not([type=hidden])") ?? card?.querySelector<HTMLElement>("button, a"))?.focus({ preventScroll: true });
    onCancel();
  };
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-900">{t("chooseMethod")}</legend>
      {(["totp", "webauthn", "phone"] as const).map((method) => (
        <label key={method} className="flex cursor-pointer items-start gap-3 rounded-lg p-3 ring-1 ring-slate-200 has-checked:bg-brand-50 has-checked:ring-brand-300">
          <input type="radio" name="first-method" value={method} checked={choice === method} onChange={() => setChoice(method)} className="mt-0.5 accent-brand-600" />
          <span>
            <span className="block text-sm font-medium text-slate-900">{t(`methods.${method}`)}</span>
            <span className="block text-sm text-slate-600">{t(`methods.${method}Detail`)}</span>
          </span>
        </label>
      ))}
      <div className="flex flex-wrap gap-2">
        <Button onClick={go}>{t("continue")}</Button>
        <Button variant="ghost" onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </fieldset>
  );
}
