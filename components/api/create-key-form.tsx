"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { createApiKeyAction } from "@/lib/actions/api/keys";
import { API_KEY_EXPIRY_OPTIONS, API_KEY_NAME_MAX } from "@/lib/api/key-schemas";
import { SudoPrompt } from "@/components/security/sudo-prompt";
import { useProtectedAction } from "@/components/security/use-protected-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useMessageText } from "@/components/ui/message-text";
import { NewKey } from "./new-key";

/**
 * **Create API key**: **Key name**, the scopes (read, write; at least one) and an expiry. Sudo
 * mode first (the prompt appears in place and the same input goes again). The key comes back
 * once and is shown until dismissed; it is never readable again.
 */
export function CreateKeyForm({ projectId }: { projectId: string }) {
  const t = useTranslations("api.create");
  const text = useMessageText();
  const id = useId();
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const create = useProtectedAction((formData: FormData) => createApiKeyAction(formData));
  const [shown, setShown] = useState<{ key: string; name: string } | null>(null);
  const state = create.state;
  const created = state?.ok && state.key ? { key: state.key, name: state.keyName ?? "" } : null;
  const createdKey = created?.key;
  const createdName = created?.name;
  const { reset } = create;
  useEffect(() => {
    if (!createdKey) return;
    setShown({ key: createdKey, name: createdName ?? "" });
    form.current?.reset();
    reset();
    router.refresh();
  }, [createdKey, createdName, reset, router]);
  const errors = state?.fieldErrors;
  const refusal = state && !state.ok && state.code !== "sudo_required" && !errors ? text(state.message) : null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setShown(null);
    create.run(new FormData(event.currentTarget));
  };
  return (
    <div className="space-y-4">
      {shown && <NewKey apiKey={shown.key} name={shown.name} onDone={() => setShown(null)} />}
      {refusal && <Alert tone="error">{refusal}</Alert>}
      {errors && state?.message && <Alert tone="error">{text(state.message)}</Alert>}
      <form ref={form} onSubmit={submit} noValidate className="space-y-4">
        <input type="hidden" name="projectId" value={projectId} />
        <fieldset disabled={create.pending || !!create.sudo} className="grid min-w-0 gap-4 sm:grid-cols-2">
          <legend className="sr-only">{t("title")}</legend>
          <Field label={t("name")} name="name" hint={t("nameHint")} maxLength={API_KEY_NAME_MAX} autoComplete="off" required errors={errors?.name} />
          <div>
            <label htmlFor={`${id}-expiry`} className="block text-sm font-medium text-slate-800">
              {t("expiry")}
            </label>
            <select
              id={`${id}-expiry`}
              name="expiry"
              defaultValue="90"
              className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-600 sm:text-sm"
            >
              {API_KEY_EXPIRY_OPTIONS.map((option) => (
                <option key={option} value={option}>
                  {option === "none" ? t("expiryNone") : t("expiryDays", { days: Number(option) })}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="sm:col-span-2" aria-describedby={errors?.scopes?.length ? `${id}-scopes-error` : undefined}>
            <legend className="text-sm font-medium text-slate-800">{t("scopes")}</legend>
            <div className="mt-2 space-y-2">
              {(["Read", "Write"] as const).map((scope) => (
                <label key={scope} className="flex items-start gap-3 text-sm">
                  <input type="checkbox" name={`scope${scope}`} defaultChecked={scope === "Read"} className="mt-0.5 size-4 rounded border-slate-300 text-brand-600 focus:ring-brand-600" />
                  <span>
                    <span className="font-medium text-slate-900">{t(`scope${scope}`)}</span>
                    <span className="block text-slate-600">{t(`scope${scope}Hint`)}</span>
                  </span>
                </label>
              ))}
            </div>
            {errors?.scopes?.length ? (
              <p id={`${id}-scopes-error`} className="mt-1 text-sm text-red-700">
                {text(errors.scopes[0]!)}
              </p>
            ) : null}
          </fieldset>
        </fieldset>
        {!create.sudo && (
          <Button type="submit" disabled={create.pending}>
            {t("submit")}
          </Button>
        )}
      </form>
      {create.sudo && <SudoPrompt method={create.sudo} onVerified={create.retry} onCancel={create.reset} />}
    </div>
  );
}
