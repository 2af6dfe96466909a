"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { ACCESS_CODE_DEFAULT_LENGTH, ACCESS_CODE_MAX, ACCESS_CODE_MIN } from "@/lib/access/code-rules";
import { addAccessCodeAction, addCardAction, removeAccessCodeAction, removeCardAction, revealAccessCodeAction, updateAccessCodeAction } from "@/lib/actions/access/credentials";
import { SudoPrompt } from "@/components/security/sudo-prompt";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { formDataOf, useAccessAction } from "./use-access-action";

/**
 * The Credentials tab (Verkada's): cards, the entry code, MFA codes. Codes show masked with
 * their length; **Reveal** opens one (audited). Every change and Reveal asks for sudo mode when
 * it has lapsed, in place. Without credentials.manage (Access User Manager) all of it is shown
 * read-only: counts and masked codes, no buttons.
 */

type Ids = { projectId: string; accessUserId: string };
type CodeView = { id: string; length: number };

function Notices({ action }: { action: ReturnType<typeof useAccessAction> }) {
  return (
    <>
      {action.notice.notice && (
        <Alert ref={action.notice.ref} tone="success">
          {action.notice.notice}
        </Alert>
      )}
      {action.refusal && <Alert tone="error">{action.refusal}</Alert>}
    </>
  );
}

/** `canTry`: the viewer may use the keypad page, where each card can be tried ("Try at a door"). */
export function CardsSection({ ids, cards, canManage, canTry = false }: { ids: Ids; cards: { id: string; facilityCode: number; cardNumber: number }[]; canManage: boolean; canTry?: boolean }) {
  const t = useTranslations("access.credentials.cards");
  return (
    <section aria-labelledby="cards-heading" className="space-y-3">
      <h3 id="cards-heading" className="text-sm font-semibold text-slate-900">
        {t("title")}
      </h3>
      {cards.length === 0 ? (
        <p className="text-sm text-slate-600">{t("none")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
          {cards.map((card) => (
            <CardRow key={card.id} ids={ids} card={card} canManage={canManage} canTry={canTry} />
          ))}
        </ul>
      )}
      {canManage && <AddCardForm ids={ids} />}
    </section>
  );
}

function CardRow({ ids, card, canManage, canTry }: { ids: Ids; card: { id: string; facilityCode: number; cardNumber: number }; canManage: boolean; canTry: boolean }) {
  const t = useTranslations("access.credentials.cards");
  const remove = useAccessAction(removeCardAction);
  const numbers = t("numbers", { facilityCode: card.facilityCode, cardNumber: card.cardNumber });
  return (
    <li className="space-y-2 px-3 py-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-mono text-sm text-slate-900">{numbers}</span>
        <div className="flex flex-wrap gap-2">
          {canTry && (
            <Link href={`/projects/${ids.projectId}/access/keypad?card=${card.facilityCode}:${card.cardNumber}`} aria-label={t("tryAtDoorLabel", { numbers })} className={buttonClass("ghost")}>
              {t("tryAtDoor")}
            </Link>
          )}
          {canManage && !remove.sudo && (
            <Button variant="ghost" aria-label={t("removeLabel", { numbers })} disabled={remove.pending} onClick={() => remove.run(formDataOf({ ...ids, cardId: card.id }))}>
              {t("remove")}
            </Button>
          )}
        </div>
      </div>
      <Notices action={remove} />
      {remove.sudo && <SudoPrompt method={remove.sudo} onVerified={remove.retry} onCancel={remove.reset} />}
    </li>
  );
}

function AddCardForm({ ids }: { ids: Ids }) {
  const t = useTranslations("access.credentials.cards");
  const formRef = useRef<HTMLFormElement>(null);
  const add = useAccessAction(addCardAction, { onDone: () => formRef.current?.reset() });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    add.run(new FormData(event.currentTarget));
  };
  return (
    <div className="space-y-3">
      <Notices action={add} />
      <form ref={formRef} onSubmit={submit} noValidate aria-label={t("add")} className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start">
        <input type="hidden" name="projectId" value={ids.projectId} />
        <input type="hidden" name="accessUserId" value={ids.accessUserId} />
        <Field label={t("facilityCode")} name="facilityCode" inputMode="numeric" autoComplete="off" className="sm:w-36" errors={add.state?.fieldErrors?.facilityCode} />
        <Field label={t("cardNumber")} name="cardNumber" inputMode="numeric" autoComplete="off" className="sm:w-48" errors={add.state?.fieldErrors?.cardNumber} />
        <Button type="submit" variant="secondary" className="sm:mt-6" disabled={add.pending || !!add.sudo}>
          {t("add")}
        </Button>
      </form>
      {add.sudo && <SudoPrompt method={add.sudo} onVerified={add.retry} onCancel={add.reset} />}
    </div>
  );
}

/** A code as the list shows it: one dot per digit, and the length in words for everyone. */
function Masked({ length }: { length: number }) {
  const t = useTranslations("access.credentials");
  return (
    <span className="inline-flex items-baseline gap-2">
      <span aria-hidden="true" className="font-mono tracking-widest text-slate-900" data-testid="masked-code">
        {"•".repeat(length)}
      </span>
      <span className="text-xs text-slate-500">{t("digits", { count: length })}</span>
    </span>
  );
}

/** One code: masked, with **Reveal**, **Edit** and **Delete** for those who manage credentials. */
function CodeRow({ ids, code, canManage, label }: { ids: Ids; code: CodeView; canManage: boolean; label: string }) {
  const t = useTranslations("access.credentials");
  const [revealed, setRevealed] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const reveal = useAccessAction(revealAccessCodeAction, { refresh: false, onDone: (state) => setRevealed(state.revealed ?? null) });
  const edit = useAccessAction(updateAccessCodeAction, { onDone: () => (setEditing(false), setRevealed(null)) });
  const remove = useAccessAction(removeAccessCodeAction);
  const fields = { ...ids, codeId: code.id };
  const sudo = [reveal, edit, remove].find((action) => action.sudo);
  const submitEdit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    edit.run(new FormData(event.currentTarget));
  };
  return (
    <li className="space-y-2 px-3 py-2" aria-label={label}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        {revealed ? (
          <span className="font-mono text-base tracking-widest text-slate-900" data-testid="revealed-code">
            {revealed}
          </span>
        ) : (
          <Masked length={code.length} />
        )}
        {canManage && !sudo && !editing && !confirming && (
          <div className="flex flex-wrap gap-1">
            {revealed ? (
              <Button variant="ghost" onClick={() => setRevealed(null)}>
                {t("hide")}
              </Button>
            ) : (
              <Button variant="ghost" disabled={reveal.pending} onClick={() => reveal.run(formDataOf(fields))}>
                {t("reveal")}
              </Button>
            )}
            <Button variant="ghost" onClick={() => setEditing(true)}>
              {t("edit")}
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(true)}>
              {t("delete")}
            </Button>
          </div>
        )}
      </div>
      <Notices action={edit} />
      <Notices action={remove} />
      {reveal.refusal && <Alert tone="error">{reveal.refusal}</Alert>}
      {editing && !sudo && (
        <form onSubmit={submitEdit} noValidate className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start">
          <input type="hidden" name="projectId" value={ids.projectId} />
          <input type="hidden" name="accessUserId" value={ids.accessUserId} />
          <input type="hidden" name="codeId" value={code.id} />
          <Field label={t("newCode")} name="code" inputMode="numeric" autoComplete="off" spellCheck={false} autoFocus className="sm:w-56" hint={t("codeHint")} errors={edit.state?.fieldErrors?.code} />
          <div className="flex gap-2 sm:mt-6">
            <Button type="submit" variant="secondary" disabled={edit.pending}>
              {t("save")}
            </Button>
            <Button variant="ghost" onClick={() => setEditing(false)}>
              {t("cancel")}
            </Button>
          </div>
        </form>
      )}
      {confirming && !sudo && (
        <div role="group" aria-label={t("deleteConfirm")} className="flex flex-wrap items-center gap-2 rounded-md bg-red-50 p-3 ring-1 ring-red-200">
          <span className="text-sm text-red-900">{t("deleteConfirm")}</span>
          <Button variant="danger" autoFocus disabled={remove.pending} onClick={() => remove.run(formDataOf(fields))}>
            {t("delete")}
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(false)}>
            {t("cancel")}
          </Button>
        </div>
      )}
      {sudo?.sudo && <SudoPrompt method={sudo.sudo} onVerified={sudo.retry} onCancel={sudo.reset} />}
    </li>
  );
}

export function EntryCodeSection({ ids, code, canManage }: { ids: Ids; code: CodeView | null; canManage: boolean }) {
  const t = useTranslations("access.credentials.entry");
  return (
    <section aria-labelledby="entry-heading" className="space-y-3">
      <h3 id="entry-heading" className="text-sm font-semibold text-slate-900">
        {t("title")}
      </h3>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      {code ? (
        <ul className="rounded-md ring-1 ring-slate-200">
          <CodeRow ids={ids} code={code} canManage={canManage} label={t("title")} />
        </ul>
      ) : (
        <p className="text-sm text-slate-600">{t("none")}</p>
      )}
      {canManage && <NewCodeForm ids={ids} kind="entry" title={code ? t("replace") : t("set")} />}
    </section>
  );
}

export function MfaCodesSection({ ids, codes, canManage }: { ids: Ids; codes: CodeView[]; canManage: boolean }) {
  const t = useTranslations("access.credentials.mfa");
  return (
    <section aria-labelledby="mfa-heading" className="space-y-3">
      <h3 id="mfa-heading" className="text-sm font-semibold text-slate-900">
        {t("title")}
      </h3>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      {codes.length === 0 ? (
        <p className="text-sm text-slate-600">{t("none")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200" aria-label={t("title")}>
          {codes.map((code, index) => (
            <CodeRow key={code.id} ids={ids} code={code} canManage={canManage} label={t("item", { n: index + 1 })} />
          ))}
        </ul>
      )}
      {canManage && <NewCodeForm ids={ids} kind="mfa" title={t("add")} />}
    </section>
  );
}

const LENGTHS = Array.from({ length: ACCESS_CODE_MAX - ACCESS_CODE_MIN + 1 }, (_, i) => ACCESS_CODE_MIN + i);

/**
 * **Add MFA code** (or the entry code): type one and **Add**, or pick a length (6 unless changed)
 * and **Generate**. A generated code is shown once here, to hand over; Reveal shows it later.
 */
function NewCodeForm({ ids, kind, title }: { ids: Ids; kind: "mfa" | "entry"; title: string }) {
  const t = useTranslations("access.credentials");
  const formRef = useRef<HTMLFormElement>(null);
  const [shown, setShown] = useState<string | null>(null);
  const add = useAccessAction(addAccessCodeAction, {
    onDone: (state) => {
      setShown(state.shownCode ?? null);
      formRef.current?.reset();
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const generate = ((event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.value === "generate";
    const data = formDataOf({ ...ids, kind });
    if (generate) data.set("generateLength", String(form.get("generateLength") ?? ""));
    else data.set("code", String(form.get("code") ?? ""));
    setShown(null);
    add.run(data);
  };
  const lengthId = `${kind}-length`;
  return (
    <div role="group" aria-label={title} className="space-y-3 rounded-md bg-slate-50 p-4 ring-1 ring-slate-200">
      <h4 className="text-sm font-semibold text-slate-900">{title}</h4>
      {shown ? (
        <Alert ref={add.notice.ref} tone="success">
          <p>{t("shownOnce.title")}</p>
          <p className="my-2 font-mono text-2xl tracking-widest text-slate-900" data-testid="generated-code">
            {shown}
          </p>
          <p>{t("shownOnce.hint")}</p>
          <Button
            variant="secondary"
            className="mt-3"
            onClick={() => {
              // The button goes away with the code: keep keyboard focus where the person was, not on the page's start.
              setShown(null);
              formRef.current?.querySelector<HTMLButtonElement>('button[value="generate"]')?.focus();
            }}
          >
            {t("shownOnce.done")}
          </Button>
        </Alert>
      ) : (
        <Notices action={add} />
      )}
      <form ref={formRef} onSubmit={submit} noValidate className="space-y-3">
        <fieldset disabled={add.pending || !!add.sudo} className="flex min-w-0 flex-col gap-3 lg:flex-row lg:items-start">
          <div className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start">
            <Field label={t("code")} name="code" inputMode="numeric" autoComplete="off" spellCheck={false} className="sm:w-56" hint={t("codeHint")} errors={add.state?.fieldErrors?.code} />
            <Button type="submit" name="intent" value="type" variant="secondary" className="sm:mt-6">
              {t("add")}
            </Button>
          </div>
          <p className="text-sm text-slate-500 lg:mt-8">{t("or")}</p>
          <div className="flex min-w-0 flex-wrap items-end gap-3">
            <div>
              <label htmlFor={lengthId} className="block text-sm font-medium text-slate-800">
                {t("length")}
              </label>
              <select
                id={lengthId}
                name="generateLength"
                defaultValue={ACCESS_CODE_DEFAULT_LENGTH}
                className="mt-1 block rounded-md border-0 bg-white py-2 pr-8 pl-3 text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-600 sm:text-sm"
              >
                {LENGTHS.map((length) => (
                  <option key={length} value={length}>
                    {t("digits", { count: length })}
                  </option>
                ))}
              </select>
            </div>
            <Button type="submit" name="intent" value="generate">
              {t("generate")}
            </Button>
          </div>
        </fieldset>
      </form>
      {add.sudo && <SudoPrompt method={add.sudo} onVerified={add.retry} onCancel={add.reset} />}
    </div>
  );
}
