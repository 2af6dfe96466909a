import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { ProjectTabs } from "@/components/projects/project-tabs";
import { GraceBanner } from "@/components/projects/grace-banner";
import { projectPage } from "@/lib/projects/access";
import { hasProjectRole } from "@/lib/policy/project";
import { memberActor } from "@/lib/access/page-access";
import { can } from "@/lib/access/permissions";

/**
 * Every project page's frame: the project's name, its sections, and the grace-period banner.
 * Enforcement runs here and again in each page (lib/projects/access.ts projectPage, cached per
 * request): a layout is not rendered again on client-side navigation between its pages.
 */
export default async function ProjectLayout({ children, params }: { children: ReactNode; params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const [access, t] = await Promise.all([projectPage(projectId), getTranslations("projects")]);
  const base = `/projects/${access.project.id}`;
  const tabs = [
    { href: base, label: t("tabs.overview") },
    { href: `${base}/members`, label: t("tabs.members") },
    ...(can(memberActor(access), "access.view") ? [{ href: `${base}/access`, label: t("tabs.access") }] : []),
    ...(hasProjectRole(access.role, "admin")
      ? [
          { href: `${base}/compliance`, label: t("tabs.compliance") },
          { href: `${base}/audit`, label: t("tabs.audit") },
          { href: `${base}/api-keys`, label: t("tabs.apiKeys") },
          { href: `${base}/settings`, label: t("tabs.settings") },
        ]
      : []),
  ];
  return (
    <>
      <header className="mb-6 space-y-4">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="min-w-0 break-words text-2xl font-semibold tracking-tight text-slate-900">{access.project.name}</h1>
        </div>
        {access.verdict.kind === "allowed" && access.verdict.graceEndsAt && <GraceBanner projectId={access.project.id} endsAt={access.verdict.graceEndsAt} />}
        <ProjectTabs label={t("tabs.label")} tabs={tabs} />
      </header>
      {children}
    </>
  );
}
