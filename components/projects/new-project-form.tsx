"use client";

import { useTranslations } from "next-intl";
import { createProjectAction } from "@/lib/actions/projects/project";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";

/** New project: its name; the creator owns it and lands on it. */
export function NewProjectForm() {
  const t = useTranslations("projects");
  const text = useMessageText();
  const { state, pending, form } = useFormAction(createProjectAction, initialFormState);
  return (
    <form {...form} noValidate className="space-y-4">
      {state.message && !state.ok && <Alert tone="error">{text(state.message)}</Alert>}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <Field label={t("projectName")} name="name" autoComplete="off" maxLength={200} className="w-full sm:max-w-sm" errors={state.fieldErrors?.name} />
        <Button type="submit" disabled={pending}>
          {t("create")}
        </Button>
      </div>
    </form>
  );
}
