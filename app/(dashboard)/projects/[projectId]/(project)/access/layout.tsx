import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { SectionTabs } from "@/components/access/section-tabs";
import { accessPage } from "@/lib/access/page-access";
import { can } from "@/lib/access/permissions";

/**
 * The Access control section's frame: its parts, each shown to whom it may serve
 * (lib/access/permissions.ts). Each page checks its own permission again (a layout is not
 * rendered again on client-side navigation).
 */
export default async function AccessLayout({ children, params }: { children: ReactNode; params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const [{ actor }, t] = await Promise.all([accessPage(projectId), getTranslations("access.nav")]);
  const base = `/projects/${projectId}/access`;
  const tabs = [
    { href: base, label: t("users") },
    { href: `${base}/doors`, label: t("doors") },
    { href: `${base}/keypad`, label: t("keypad") },
    ...(can(actor, "transfer") ? [{ href: `${base}/import`, label: t("import") }] : []),
    ...(can(actor, "roles.manage") ? [{ href: `${base}/roles`, label: t("roles") }] : []),
  ];
  return (
    <div className="space-y-6">
      <SectionTabs label={t("label")} tabs={tabs} />
      {children}
    </div>
  );
}
