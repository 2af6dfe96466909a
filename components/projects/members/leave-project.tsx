"use client";

import { useTranslations } from "next-intl";
import { leaveProjectAction } from "@/lib/actions/projects/members";
import { ActionOutcome, ConfirmButton, fields, useMemberAction } from "./shared";

/** Leave project, after a question. The last owner is told why not (and the server refuses too). */
export function LeaveProject({ projectId, projectName, lastOwner }: { projectId: string; projectName: string; lastOwner: boolean }) {
  const t = useTranslations("projectMembers.leave");
  const run = useMemberAction((formData) => leaveProjectAction(formData));
  return (
    <div className="space-y-2">
      {lastOwner && <p className="text-sm text-slate-600">{t("lastOwner")}</p>}
      <ConfirmButton
        label={t("button")}
        question={t("question", { project: projectName })}
        confirmLabel={t("confirm")}
        disabled={lastOwner}
        pending={run.pending}
        onConfirm={() => run.run(fields({ projectId }))}
      />
      <ActionOutcome run={run} />
    </div>
  );
}
