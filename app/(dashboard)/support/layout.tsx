import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { ProjectTabs } from "@/components/projects/project-tabs";
import { countOpenCases } from "@/lib/support/cases-list";
import { supportPage } from "@/lib/support/support-access";

/**
 * The support console's frame: its sections. Access is checked here and again by each page
 * (supportPage, cached per request): a layout is not rendered again on client-side navigation.
 */
export default async function SupportLayout({ children }: { children: ReactNode }) {
  const [{ user }, t, cases] = await Promise.all([supportPage(), getTranslations("support.tabs"), getTranslations("supportCases")]);
  // One count on the (state, createdAt) index: cheap enough for every console page.
  const openCases = await countOpenCases(user.id);
  const tabs = [
    { href: "/support", label: t("auditLog") },
    { href: "/support/cases", label: t("cases"), badge: openCases > 0 ? cases("openBadge", { count: openCases }) : undefined },
    { href: "/support/resets", label: t("resets") },
    { href: "/support/integrity", label: t("integrity") },
  ];
  return (
    <>
      <div className="mb-6">
        <ProjectTabs label={t("label")} tabs={tabs} />
      </div>
      {children}
    </>
  );
}
