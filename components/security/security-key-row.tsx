"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { FormState } from "@/lib/actions/form-state";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { removeSecurityKeyAction, renameSecurityKeyAction, type KeyRemovedState } from "@/lib/actions/security/security-keys";
import { KEY_NAME_MAX } from "@/lib/policy/limits";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { LocalTime } from "@/components/ui/local-time";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";
import { SudoPrompt } from "./sudo-prompt";
import { useProtectedAction } from "./use-protected-action";

/** A key as the list shows it; times are ISO 8601, `lastUsed` already worded ("5 minutes ago"). */
export type SecurityKeyView = {
  id: string;
  name: string;
  addedAt: string;
  lastUsed: string | null;
  lastUsedAt: string | null;
  passkey: boolean;
  backedUp: boolean;
};

type Mode = "view" | "rename" | "remove";

/** One key: its name and facts, with Rename (an inline form) and Remove (asks first; sudo). */
export function SecurityKeyRow({ entry, onStart, onDone }: { entry: SecurityKeyView; onStart: () => void; onDone: (message: string) => void }) {
  const t = useTranslations("keys.card");
  const [mode, setMode] = useState<Mode>("view");
  const renameButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  // Back from a form that was cancelled: focus returns to the button that opened it.
  const [returnTo, setReturnTo] = useState<Mode | null>(null);
  useEffect(() => {
    if (returnTo === "rename") renameButton.current?.focus();
    if (returnTo === "remove") removeButton.current?.focus();
  }, [returnTo]);
  const close = (from: Mode) => {
    setMode("view");
    setReturnTo(from);
  };

  return (
    <li className="py-3 first:pt-0 last:pb-0">
      {mode === "rename" ? (
        <RenameForm entry={entry} onCancel={() => close("rename")} onRenamed={(name) => (setMode("view"), onDone(t("renamed", { name })))} />
      ) : (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium break-words text-slate-900">{entry.name}</span>
              <Badge>{entry.passkey ? t("passkey") : t("securityKey")}</Badge>
              {entry.backedUp && <Badge tone="green">{t("backedUp")}</Badge>}
            </p>
            <p className="mt-0.5 text-sm text-slate-600">
              {t.rich("added", { time: () => <LocalTime value={entry.addedAt} style="date" /> })}
              {" · "}
              {entry.lastUsed && entry.lastUsedAt
                ? t.rich("lastUsed", { ago: entry.lastUsed, time: (chunks) => <LocalTime value={entry.lastUsedAt!}>{chunks}</LocalTime> })
                : t("notUsed")}
            </p>
          </div>
          {mode === "view" && (
            <div className="flex shrink-0 gap-2">
              <button ref={renameButton} type="button" className={buttonClass("secondary")} aria-label={t("renameLabel", { name: entry.name })} onClick={() => (onStart(), setMode("rename"))}>
                {t("rename")}
              </button>
              <button ref={removeButton} type="button" className={buttonClass("secondary")} aria-label={t("removeLabel", { name: entry.name })} onClick={() => (onStart(), setMode("remove"))}>
                {t("remove")}
              </button>
            </div>
          )}
        </div>
      )}
      {mode === "remove" && <RemoveConfirm entry={entry} onCancel={() => close("remove")} onRemoved={onDone} />}
    </li>
  );
}

function RenameForm({ entry, onCancel, onRenamed }: { entry: SecurityKeyView; onCancel: () => void; onRenamed: (name: string) => void }) {
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

function RemoveConfirm({ entry, onCancel, onRemoved }: { entry: SecurityKeyView; onCancel: () => void; onRemoved: (message: string) => void }) {
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
