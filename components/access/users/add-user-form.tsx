"use client";

import { useTranslations } from "next-intl";
import { createAccessUserAction } from "@/lib/actions/access/users";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { ACCESS_NAME_MAX, EXTERNAL_ID_MAX } from "@/lib/access/schemas";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";
import { MemberSelect, type MemberChoice } from "./member-select";

/** **Add user**: name, email, external id, and optionally the project member they are. Success opens the new person's page. */
export function AddUserForm({ projectId, members }: { projectId: string; members: MemberChoice[] }) {
  const t = useTranslations("access.add");
  const text = useMessageText();
  const { state, pending, form } = useFormAction(createAccessUserAction, initialFormState);
  return (
    <form {...form} className="space-y-4">
      {state.message && !state.ok && <Alert tone="error">{text(state.message)}</Alert>}
      <input type="hidden" name="projectId" value={projectId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("name")} name="name" autoComplete="off" maxLength={ACCESS_NAME_MAX} required errors={state.fieldErrors?.name} />
        <Field label={t("email")} name="email" type="email" autoComplete="off" errors={state.fieldErrors?.email} />
        <Field label={t("externalId")} name="externalId" autoComplete="off" spellCheck={false} maxLength={EXTERNAL_ID_MAX} hint={t("externalIdHint")} errors={state.fieldErrors?.externalId} />
        <MemberSelect members={members} errors={state.fieldErrors?.memberUserId} />
      </div>
      <Button type="submit" disabled={pending}>
        {t("submit")}
      </Button>
    </form>
  );
}
