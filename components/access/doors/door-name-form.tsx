"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { renameDoorAction } from "@/lib/actions/access/doors";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { DOOR_NAME_MAX } from "@/lib/access/door-schemas";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";

/** Renames the door (unique in the project). */
export function DoorNameForm({ projectId, doorId, name }: { projectId: string; doorId: string; name: string }) {
  const t = useTranslations("accessDoors.door");
  const text = useMessageText();
  const router = useRouter();
  const { state, pending, form } = useFormAction(renameDoorAction, initialFormState);
  useEffect(() => {
    if (state.ok) router.refresh();
  }, [state, router]);
  return (
    <form {...form} className="space-y-3">
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{text(state.message)}</Alert>}
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="doorId" value={doorId} />
      <fieldset disabled={pending} className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-end">
        <Field label={t("name")} name="name" defaultValue={name} autoComplete="off" maxLength={DOOR_NAME_MAX} className="w-full sm:max-w-sm" errors={state.fieldErrors?.name} />
        <Button type="submit" variant="secondary" disabled={pending}>
          {t("rename")}
        </Button>
      </fieldset>
    </form>
  );
}
