"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import type { ProjectRole } from "@/lib/db/generated/enums";
import { changeMemberRoleAction, removeMemberAction } from "@/lib/actions/projects/members";
import { ASSIGNABLE_ROLES } from "@/lib/projects/member-schemas";
import { buttonClass } from "@/components/ui/button";
import { ActionOutcome, ConfirmButton, fields, selectClass, useMemberAction } from "./shared";

type Member = { projectId: string; userId: string; name: string; role: ProjectRole };

/** Owners: the member's role as a select with its own Save button (no change on a mere arrow key). */
export function RoleControl({ projectId, userId, name, role }: Member) {
  const t = useTranslations("projectMembers");
  const roles = useTranslations("projects.roles");
  const id = useId();
  const [chosen, setChosen] = useState<ProjectRole>(role);
  const run = useMemberAction((formData) => changeMemberRoleAction(formData));
  return (
    <div>
      <form
        className="flex items-center gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          run.run(fields({ projectId, userId, role: chosen }));
        }}
      >
        <label htmlFor={id} className="sr-only">
          {t("table.roleOf", { name })}
        </label>
        <select id={id} name="role" value={chosen} onChange={(event) => setChosen(event.target.value as ProjectRole)} className={`${selectClass} w-36`}>
          {ASSIGNABLE_ROLES.map((value) => (
            <option key={value} value={value}>
              {roles(value)}
            </option>
          ))}
        </select>
        <button type="submit" className={buttonClass("secondary", "py-1.5 whitespace-nowrap")} disabled={run.pending || chosen === role}>
          {t("table.saveRole")}
          <span className="sr-only"> {name}</span>
        </button>
      </form>
      <ActionOutcome run={run} />
    </div>
  );
}

/** Owners and admins: Remove, after a question. */
export function RemoveControl({ projectId, userId, name }: Omit<Member, "role">) {
  const t = useTranslations("projectMembers.remove");
  const run = useMemberAction((formData) => removeMemberAction(formData));
  return (
    <div>
      <ConfirmButton
        label={
          <>
            {t("button")}
            <span className="sr-only"> {name}</span>
          </>
        }
        question={t("question", { name })}
        confirmLabel={t("confirm")}
        pending={run.pending}
        onConfirm={() => run.run(fields({ projectId, userId }))}
      />
      <ActionOutcome run={run} />
    </div>
  );
}
