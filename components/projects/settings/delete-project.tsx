"use client";

import { useTranslations } from "next-intl";
import { useRef, type FormEvent } from "react";
import { deleteProjectAction } from "@/lib/actions/projects/project";
import { PROJECT_NAME_MAX } from "@/lib/policy/project";
import { SudoPrompt } from "@/components/security/sudo-prompt";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useSettingsAction } from "./use-settings-action";

/** Owners only: typing the project's name deletes it (in sudo mode); success goes to the project list. */
export function DeleteProject({ projectId, name, locked }: { projectId: string; name: string; locked: boolean }) {
  const t = useTranslations("projectSettings.danger");
  const form = useRef<HTMLFormElement>(null);
  const remove = useSettingsAction((formData: FormData) => deleteProjectAction(formData));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    remove.run(new FormData(event.currentTarget));
  };
  return (
    <div className="space-y-3">
      {remove.refusal && <Alert tone="error">{remove.refusal}</Alert>}
      <form ref={form} onSubmit={submit} noValidate className="space-y-3">
        <input type="hidden" name="projectId" value={projectId} />
        <fieldset disabled={locked || remove.pending || !!remove.sudo} className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-end">
          <Field
            label={t("confirmLabel", { name })}
            name="confirmName"
            autoComplete="off"
            spellCheck={false}
            maxLength={PROJECT_NAME_MAX * 4}
            className="w-full sm:max-w-sm"
            errors={remove.state?.fieldErrors?.confirmName}
          />
          {!locked && !remove.sudo && (
            <Button type="submit" variant="danger" disabled={remove.pending}>
              {t("delete")}
            </Button>
          )}
        </fieldset>
      </form>
      {remove.sudo && <SudoPrompt method={remove.sudo} onVerified={remove.retry} onCancel={remove.reset} />}
    </div>
  );
}
