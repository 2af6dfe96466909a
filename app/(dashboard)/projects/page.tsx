import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NewProjectForm } from "@/components/projects/new-project-form";
import { Alert } from "@/components/ui/alert";
import { Badge, Card } from "@/components/ui/card";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";
import { listProjectsFor } from "@/lib/projects/projects";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("projects");
  return { title: t("title") };
}

export default async function ProjectsPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const session = await requireSession();
  const [t, projects, { deleted }] = await Promise.all([getTranslations("projects"), listProjectsFor(session.userId), searchParams]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        {deleted === "1" && (
          <Alert tone="success">
            {t("done.deleted")}
          </Alert>
        )}
        {projects.length === 0 ? (
          <Card title={t("emptyTitle")} description={t("emptyDescription")} />
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg bg-white shadow-xs ring-1 ring-slate-200" aria-label={t("title")}>
            {projects.map((project) => (
              <li key={project.id} className="flex flex-col gap-1 px-5 py-4 sm:flex-row sm:items-center sm:justify-between sm:gap-4">
                <div className="min-w-0">
                  <Link href={`/projects/${project.id}`} className="font-medium text-brand-700 hover:underline">
                    {project.name}
                  </Link>
                  <p className="text-sm text-slate-600">
                    {t("members", { count: project.members })} · {t("required")}: {t(`levels.${project.requiredLevel as "disabled"}`)}
                  </p>
                </div>
                <Badge tone={project.role === "owner" ? "green" : "slate"}>{t(`roles.${project.role}`)}</Badge>
              </li>
            ))}
          </ul>
        )}
        <Card title={t("newProject")}>
          <ClientMessages namespaces={["projects", ...FORM_MESSAGES]}>
            <NewProjectForm />
          </ClientMessages>
        </Card>
      </div>
    </>
  );
}
