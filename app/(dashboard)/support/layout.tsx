import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { ProjectTabs } from "@/components/projects/project-tabs";
import { supportPage } from "@/lib/support/support-access";

/**
 * The support console's frame: its sections. Access is checked here and again by each page
 * (supportPage, cached per request): a layout is not rendered again on client-side navigation.
 */
export default async function SupportLayout({ children }: { children: ReactNode }) {
  const [, t] = await Promise.all([supportPage(), getTranslations("support.tabs")]);
  const tabs = [
    { href: "/support", label: t("auditLog") },
    { href: "/support/cases", label: t("cases") },
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
