"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId } from "react";
import { inviteMemberAction } from "@/lib/actions/projects/invitations";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";
import { selectClass } from "./shared";

/**
 * Invite member: an email address and, for owners, the role (Member or Admin; only owners make
 * admins). Admins invite members. After sending, the address is cleared for the next one.
 */
export function InviteMemberForm({ projectId, canInviteAdmins }: { projectId: string; canInviteAdmins: boolean }) {
  const t = useTranslations("projectMembers.invite");
  const roles = useTranslations("projects.roles");
  const text = useMessageText();
  const id = useId();
  const { state, pending, form } = useFormAction(inviteMemberAction, initialFormState);
  useEffect(() => {
    if (state.ok) form.ref.current?.reset();
  }, [state, form.ref]);
  const roleError = state.fieldErrors?.role?.[0];
  return (
    <form {...form} className="space-y-4">
      {state.message && (
        <Alert tone={state.ok ? "success" : "error"} key={state.ok ? "sent" : "refused"}>
          {text(state.message)}
        </Alert>
      )}
      <input type="hidden" name="projectId" value={projectId} />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <Field label={t("email")} name="email" type="email" autoComplete="off" maxLength={254} className="w-full sm:max-w-sm" errors={state.fieldErrors?.email} />
        {canInviteAdmins ? (
          <div className="sm:w-40">
            <label htmlFor={id} className="block text-sm font-medium text-slate-800">
              {t("role")}
            </label>
            <select id={id} name="role" defaultValue="member" className={`${selectClass} mt-1 w-full`} aria-invalid={roleError ? true : undefined}>
              <option value="member">{roles("member")}</option>
              <option value="admin">{roles("admin")}</option>
            </select>
            {roleError && <p className="mt-1 text-sm text-red-700">{text(roleError)}</p>}
          </div>
        ) : (
          <input type="hidden" name="role" value="member" />
        )}
      </div>
      {!canInviteAdmins && <p className="text-sm text-slate-600">{t("adminsInviteMembers")}</p>}
      <Button type="submit" disabled={pending}>
        {pending ? t("sending") : t("submit")}
      </Button>
    </form>
  );
}
