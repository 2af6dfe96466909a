"use client";

import { useTranslations } from "next-intl";
import { deleteDoorAction } from "@/lib/actions/access/doors";
import { ActionOutcome, ConfirmButton, fields, useMemberAction } from "@/components/projects/members/shared";

/** Deletes the door after asking; success goes back to the list. */
export function DeleteDoor({ projectId, doorId, name }: { projectId: string; doorId: string; name: string }) {
  const t = useTranslations("accessDoors.door");
  const remove = useMemberAction((formData) => deleteDoorAction(formData));
  return (
    <div>
      <ConfirmButton
        label={t("delete")}
        question={t("deleteQuestion", { name })}
        confirmLabel={t("deleteConfirm")}
        pending={remove.pending}
        onConfirm={() => remove.run(fields({ projectId, doorId }))}
      />
      <ActionOutcome run={remove} />
    </div>
  );
}
