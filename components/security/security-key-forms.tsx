"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { FormState } from "@/lib/actions/form-state";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { removeSecurityKeyAction, renameSecurityKeyAction, type KeyRemovedState } from "@/lib/actions/security/security-keys";
import { KEY_NAME_MAX } from "@/lib/policy/limits";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";
import type { SecurityKeyView } from "./security-key-row";
import { SudoPrompt } from "./sudo-prompt";
import { useProtectedAction } from "./use-protected-action";

/** A key's Rename and Remove forms, loaded when the person opens one (components/security/security-key-row.tsx). */

export function RenameForm({ entry, onCancel, onRenamed }: { entry: SecurityKeyView; onCancel: () => void; onRenamed: (name: string) => void }) {
  const t = useTranslations("keys.card");
  const text = useMessageText();
  const rename = async (previous: FormState, formData: FormData): Promise<FormState> => {
    const next = await renameSecurityKeyAction(previous, formData);
    if (next.ok) onRenamed(next.name ?? entry.name);
    return next;
  };
  const { state, pending, form } = useFormAction(rename, initialFormState);
  const nameErrors = state.fieldErrors?.name ?? (state.code === "key_name_taken" && state.message ? [state.message] : undefined);
  return (
    <form
      {...form}
      aria-label={t("renameLabel", { name: entry.name })}
      className="space-y-3 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200"
      onKeyDown={(event) => {
        if (event.key === "Escape") onCancel();
      }}
    >
      {state.message && !state.ok && !nameErrors && <Alert tone="error">{text(state.message)}</Alert>}
      <input type="hidden" name="factorId" value={entry.id} />
      <Field label={t("keyName")} name="name" defaultValue={entry.name} maxLength={KEY_NAME_MAX} autoComplete="off" autoFocus errors={nameErrors} />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {t("save")}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}

export function RemoveConfirm({ entry, onCancel, onRemoved }: { entry: SecurityKeyView; onCancel: () => void; onRemoved: (message: string) => void }) {
  const t = useTranslations("keys.card");
  const text = useMessageText();
  const remove = useProtectedAction(async (formData: FormData): Promise<KeyRemovedState> => {
    const next = await removeSecurityKeyAction(formData);
    if (next.ok) onRemoved(t(next.twoFactorOff ? "removedOff" : "removed", { name: entry.name }));
    return next;
  });
  const last = remove.state?.code === "last_factor_confirm";
  const question = useRef<HTMLDivElement>(null);
  useEffect(() => question.current?.focus(), [last]);
  const send = (confirmLast: boolean) => {
    const formData = new FormData();
    formData.set("factorId", entry.id);
    if (confirmLast) formData.set("confirmLast", "true");
    remove.run(formData);
  };

  if (remove.sudo) return <SudoPrompt method={remove.sudo} onVerified={remove.retry} onCancel={() => (remove.reset(), onCancel())} />;
  const refusal = remove.state && !remove.state.ok && !last ? text(remove.state.message) : null;
  return (
    <div ref={question} tabIndex={-1} role="group" aria-label={t("removeLabel", { name: entry.name })} className="mt-3 rounded-lg bg-red-50 p-4 text-sm text-red-900 ring-1 ring-red-200 outline-none">
      <p className="font-medium">{t("removeQuestion", { name: entry.name })}</p>
      <p className="mt-1">{last ? text(remove.state?.message) : t("removeWarning")}</p>
      {refusal && (
        <Alert tone="error" className="mt-3">
          {refusal}
        </Alert>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button variant="danger" disabled={remove.pending} onClick={() => send(last)}>
          {last ? t("removeLastConfirm") : t("removeConfirm")}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t("keep")}
        </Button>
      </div>
    </div>
  );
}
