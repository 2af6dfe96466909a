"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import type { ProjectRole } from "@/lib/db/generated/enums";
import { transferOwnershipAction } from "@/lib/actions/projects/members";
import { ActionOutcome, ConfirmButton, fields, selectClass, useMemberAction } from "./shared";

export type TransferCandidate = { userId: string; name: string; email: string; role: ProjectRole };

/**
 * Transfer ownership: pick a member, confirm, then (in sudo mode) they become an owner and the
 * viewer an admin.
 */
export function TransferOwnershipForm({ projectId, candidates }: { projectId: string; candidates: TransferCandidate[] }) {
  const t = useTranslations("projectMembers.transfer");
  const id = useId();
  const [chosen, setChosen] = useState(candidates[0]?.userId ?? "");
  const run = useMemberAction((formData) => transferOwnershipAction(formData));
  if (candidates.length === 0) return <p className="text-sm text-slate-600">{t("nobody")}</p>;
  const person = candidates.find((candidate) => candidate.userId === chosen) ?? candidates[0]!;
  return (
    <div className="space-y-3">
      <div className="max-w-sm">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {t("newOwner")}
        </label>
        <select id={id} value={person.userId} onChange={(event) => setChosen(event.target.value)} className={`${selectClass} mt-1 w-full`} disabled={run.pending || !!run.sudo}>
          {candidates.map((candidate) => (
            <option key={candidate.userId} value={candidate.userId}>
              {candidate.name} ({candidate.email})
            </option>
          ))}
        </select>
      </div>
      {!run.sudo && (
        <ConfirmButton
          label={t("button")}
          question={t("question", { name: person.name })}
          confirmLabel={t("confirm")}
          variant="primary"
          pending={run.pending}
          onConfirm={() => run.run(fields({ projectId, userId: person.userId }))}
        />
      )}
      <ActionOutcome run={run} />
    </div>
  );
}
