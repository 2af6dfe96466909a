"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { deleteAccessUserAction, setAccessUserStatusAction, updateAccessUserAction } from "@/lib/actions/access/users";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { ACCESS_NAME_MAX, EXTERNAL_ID_MAX } from "@/lib/access/schemas";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";
import { MemberSelect, type MemberChoice } from "./member-select";
import { formDataOf, useAccessAction } from "./use-access-action";

type Person = { id: string; name: string; email: string | null; externalId: string | null; memberUserId: string | null; status: "active" | "suspended" };

/** Edit the person (users.manage): name, email, external id, the member link. */
export function EditUserForm({ projectId, user, members }: { projectId: string; user: Person; members: MemberChoice[] }) {
  const t = useTranslations("access.add");
  const u = useTranslations("access.user");
  const text = useMessageText();
  const router = useRouter();
  const { state, pending, form } = useFormAction(updateAccessUserAction, initialFormState);
  useEffect(() => {
    if (state.ok) router.refresh();
  }, [state, router]);
  return (
    <form {...form} className="space-y-4">
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{text(state.message)}</Alert>}
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="accessUserId" value={user.id} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("name")} name="name" defaultValue={user.name} autoComplete="off" maxLength={ACCESS_NAME_MAX} required errors={state.fieldErrors?.name} />
        <Field label={t("email")} name="email" type="email" defaultValue={user.email ?? ""} autoComplete="off" errors={state.fieldErrors?.email} />
        <Field label={t("externalId")} name="externalId" defaultValue={user.externalId ?? ""} autoComplete="off" spellCheck={false} maxLength={EXTERNAL_ID_MAX} hint={t("externalIdHint")} errors={state.fieldErrors?.externalId} />
        <MemberSelect members={members} value={user.memberUserId ?? ""} self={user.id} errors={state.fieldErrors?.memberUserId} />
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {u("save")}
      </Button>
    </form>
  );
}

/** **Suspend** or **Reactivate**: a suspended person's badge opens no door. */
export function StatusControl({ projectId, user }: { projectId: string; user: Person }) {
  const t = useTranslations("access.user");
  const change = useAccessAction(setAccessUserStatusAction);
  const next = user.status === "active" ? "suspended" : "active";
  return (
    <div className="space-y-3">
      {change.notice.notice && (
        <Alert ref={change.notice.ref} tone="success">
          {change.notice.notice}
        </Alert>
      )}
      {change.refusal && <Alert tone="error">{change.refusal}</Alert>}
      <p className="text-sm text-slate-600">{t(user.status === "active" ? "suspendHint" : "reactivateHint")}</p>
      <Button variant="secondary" disabled={change.pending} onClick={() => change.run(formDataOf({ projectId, accessUserId: user.id, status: next }))}>
        {t(next === "suspended" ? "suspend" : "reactivate")}
      </Button>
    </div>
  );
}

/** Delete, after a confirmation that names the person; the list then says it is done. */
export function DeleteUser({ projectId, user }: { projectId: string; user: Person }) {
  const t = useTranslations("access.user.delete");
  const [confirming, setConfirming] = useState(false);
  const remove = useAccessAction(deleteAccessUserAction);
  const confirmRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.querySelector<HTMLButtonElement>("button")?.focus();
  }, [confirming]);
  if (!confirming) {
    return (
      <Button variant="secondary" onClick={() => setConfirming(true)}>
        {t("button")}
      </Button>
    );
  }
  return (
    <div ref={confirmRef} role="group" aria-label={t("title")} className="space-y-3 rounded-md bg-red-50 p-4 ring-1 ring-red-200">
      {remove.refusal && <Alert tone="error">{remove.refusal}</Alert>}
      <p className="text-sm text-red-900">{t("confirm", { name: user.name })}</p>
      <div className="flex flex-wrap gap-2">
        <Button variant="danger" disabled={remove.pending} onClick={() => remove.run(formDataOf({ projectId, accessUserId: user.id }))}>
          {t("yes")}
        </Button>
        <Button variant="ghost" onClick={() => setConfirming(false)}>
          {t("cancel")}
        </Button>
      </div>
    </div>
  );
}
