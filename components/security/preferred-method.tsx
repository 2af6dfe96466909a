"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { setPreferredFactorAction } from "@/lib/actions/security/two-factor";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";

export type MethodChoice = { id: string; label: string };

/** Which method the sign-in challenge offers first; the others stay under "Try another way". */
export function PreferredMethod({ methods, preferredId }: { methods: MethodChoice[]; preferredId: string | null }) {
  const t = useTranslations("security.twoFactor");
  const text = useMessageText();
  const id = useId();
  const { state, pending, form } = useFormAction(setPreferredFactorAction, initialFormState);
  return (
    <form {...form} className="space-y-2">
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{text(state.message)}</Alert>}
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {t("preferred")}
      </label>
      <p className="text-sm text-slate-600">{t("preferredHint")}</p>
      <div className="flex flex-wrap items-center gap-2">
        <select
          id={id}
          name="factorId"
          defaultValue={preferredId ?? methods[0]?.id}
          className="block min-w-0 rounded-md border-0 bg-white py-2 pr-8 pl-3 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600"
        >
          {methods.map((method) => (
            <option key={method.id} value={method.id}>
              {method.label}
            </option>
          ))}
        </select>
        <Button type="submit" variant="secondary" disabled={pending}>
          {t("savePreferred")}
        </Button>
      </div>
    </form>
  );
}
