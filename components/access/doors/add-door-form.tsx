"use client";

import { useTranslations } from "next-intl";
import { createDoorAction } from "@/lib/actions/access/doors";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { DOOR_NAME_MAX } from "@/lib/access/door-schemas";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";

/** **Add door**: a name; the new door opens on its own page, where its schedule is set. */
export function AddDoorForm({ projectId }: { projectId: string }) {
  const t = useTranslations("accessDoors.add");
  const text = useMessageText();
  const { state, pending, form } = useFormAction(createDoorAction, initialFormState);
  return (
    <form {...form} className="space-y-3">
      {state.message && !state.ok && <Alert tone="error">{text(state.message)}</Alert>}
      <input type="hidden" name="projectId" value={projectId} />
      <fieldset disabled={pending} className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start">
        <Field label={t("label")} name="name" autoComplete="off" maxLength={DOOR_NAME_MAX} required hint={t("hint")} className="w-full sm:max-w-sm" errors={state.fieldErrors?.name} />
        <Button type="submit" disabled={pending} className="sm:mt-6">
          {t("submit")}
        </Button>
      </fieldset>
    </form>
  );
}
