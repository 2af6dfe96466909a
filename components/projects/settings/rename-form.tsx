"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { renameProjectAction } from "@/lib/actions/projects/project";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { PROJECT_NAME_MAX } from "@/lib/policy/project";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";

/** The project's name (owners and admins), behind the same lock as every other setting here. */
export function RenameForm({ projectId, name, locked }: { projectId: string; name: string; locked: boolean }) {
  const t = useTranslations("projectSettings.name");
  const text = useMessageText();
  const router = useRouter();
  const { state, pending, form } = useFormAction(renameProjectAction, initialFormState);
  useEffect(() => {
    if (state.ok) router.refresh();
  }, [state, router]);
  return (
    <form {...form} className="space-y-3">
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{text(state.message)}</Alert>}
      <input type="hidden" name="projectId" value={projectId} />
      <fieldset disabled={locked || pending} className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-end">
        <Field label={t("label")} name="name" defaultValue={name} autoComplete="off" maxLength={PROJECT_NAME_MAX} className="w-full sm:max-w-sm" errors={state.fieldErrors?.name} />
        {!locked && (
          <Button type="submit" variant="secondary" disabled={pending}>
            {t("save")}
          </Button>
        )}
      </fieldset>
    </form>
  );
}
