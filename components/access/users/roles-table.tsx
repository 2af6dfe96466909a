"use client";

import { useTranslations } from "next-intl";
import { useId, type FormEvent } from "react";
import type { AccessRole, ProjectRole } from "@/lib/db/generated/enums";
import { ACCESS_ROLES } from "@/lib/access/permissions";
import { setAccessRoleAction } from "@/lib/actions/access/roles";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { useAccessAction } from "./use-access-action";

type Row = { userId: string; name: string; email: string; projectRole: ProjectRole; accessRole: AccessRole | null; byProjectRole: boolean };

/** Every member with their access role: a select and Save for members; owners and admins show Access User Admin by their project role. */
export function RolesTable({ projectId, rows, viewerId }: { projectId: string; rows: Row[]; viewerId: string }) {
  const t = useTranslations("access.rolesPage");
  return (
    <ul className="-mx-5 divide-y divide-slate-100 border-t border-slate-100" aria-label={t("label")}>
      {rows.map((row) => (
        <RoleRow key={row.userId} projectId={projectId} row={row} you={row.userId === viewerId} />
      ))}
    </ul>
  );
}

function RoleRow({ projectId, row }: { projectId: string; row: Row; you: boolean }) {
  const t = useTranslations("access.rolesPage");
  const roles = useTranslations("access.roles");
  const projectRoles = useTranslations("projects.roles");
  const save = useAccessAction(setAccessRoleAction);
  const id = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.run(new FormData(event.currentTarget));
  };
  return (
    <li className="flex flex-col gap-3 px-5 py-3 md:flex-row md:items-center md:justify-between">
      <div className="min-w-0">
        <div className="font-medium break-words text-slate-900">{row.name}</div>
        <div className="text-sm break-all text-slate-600">{row.email}</div>
      </div>
      {row.byProjectRole ? (
        <Badge tone="green">{t("byProjectRole", { role: roles("user_admin"), projectRole: projectRoles(row.projectRole) })}</Badge>
      ) : (
        <div className="space-y-2 md:text-right">
          <form onSubmit={submit} className="flex flex-wrap items-center gap-2 md:justify-end">
            <input type="hidden" name="projectId" value={projectId} />
            <input type="hidden" name="userId" value={row.userId} />
            <label htmlFor={id} className="sr-only">
              {t("roleFor", { name: row.name })}
            </label>
            <select
              id={id}
              name="role"
              defaultValue={row.accessRole ?? ""}
              className="block rounded-md border-0 bg-white py-2 pr-8 pl-3 text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-600 sm:text-sm"
            >
              <option value="">{t("none")}</option>
              {ACCESS_ROLES.map((role) => (
                <option key={role} value={role}>
                  {roles(role)}
                </option>
              ))}
            </select>
            <Button type="submit" variant="secondary" disabled={save.pending}>
              {t("save")}
            </Button>
          </form>
          {save.notice.notice && (
            <Alert ref={save.notice.ref} tone="success">
              {save.notice.notice}
            </Alert>
          )}
          {save.refusal && <Alert tone="error">{save.refusal}</Alert>}
        </div>
      )}
    </li>
  );
}
