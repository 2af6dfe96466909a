import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Badge, Card } from "@/components/ui/card";
import { db } from "@/lib/db";
import { loadProjectAccess, projectPage } from "@/lib/projects/access";

type Params = { params: Promise<{ projectId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const access = await loadProjectAccess((await params).projectId);
  return { title: access?.verdict.kind === "allowed" ? access.project.name : (await getTranslations("projects"))("title") };
}

/** The project's overview: its 2FA requirement, the viewer's role, how many members it has. */
export default async function ProjectOverviewPage({ params }: Params) {
  const { project, role } = await projectPage((await params).projectId);
  const [t, members] = await Promise.all([getTranslations("projects"), db.projectMember.count({ where: { projectId: project.id } })]);
  const level = t(`levels.${project.requiredLevel}`);
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <Card title={t("overview.policyTitle")} description={project.requiredLevel === "disabled" ? t("overview.policyNone") : t("overview.policySet", { level })}>
        {project.requiredLevel !== "disabled" && project.secureMethodsOnly && <p className="text-sm text-slate-700">{t("overview.secureOnly")}</p>}
      </Card>
      <Card title={t("overview.roleTitle")}>
        <div className="flex items-center justify-between gap-3 text-sm text-slate-700">
          <Badge tone={role === "owner" ? "green" : "slate"}>{t(`roles.${role}`)}</Badge>
          <span>{t("members", { count: members })}</span>
        </div>
      </Card>
    </div>
  );
}
