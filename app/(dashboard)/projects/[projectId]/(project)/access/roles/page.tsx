import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RolesTable } from "@/components/access/users/roles-table";
import { Card } from "@/components/ui/card";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { accessPage } from "@/lib/access/page-access";
import { ACCESS_ROLES } from "@/lib/access/permissions";
import { listAccessRoles } from "@/lib/access/roles";

type Props = { params: Promise<{ projectId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("access.rolesPage"))("title") };
}

/** Roles: owners and admins give members **Access User Admin**, **Access User Manager**, **Access Credential Manager** or none. */
export default async function AccessRolesPage({ params }: Props) {
  const { projectId } = await params;
  const { actor } = await accessPage(projectId, "roles.manage");
  const [t, roles, rows] = await Promise.all([getTranslations("access.rolesPage"), getTranslations("access.roles"), listAccessRoles(actor)]);
  return (
    <ClientMessages namespaces={["access", "projects.roles", ...FORM_MESSAGES]}>
      <div className="space-y-6">
        <Card title={t("title")} description={t("description")}>
          <dl className="mb-4 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            {ACCESS_ROLES.map((role) => (
              <div key={role} className="contents">
                <dt className="font-medium text-slate-800">{roles(role)}</dt>
                <dd className="mb-2 text-slate-600 sm:mb-0">{t(`explain.${role}`)}</dd>
              </div>
            ))}
          </dl>
          <RolesTable projectId={projectId} rows={rows.map(({ userId, name, email, projectRole, accessRole, byProjectRole }) => ({ userId, name, email, projectRole, accessRole, byProjectRole }))} viewerId={actor.userId} />
        </Card>
      </div>
    </ClientMessages>
  );
}
