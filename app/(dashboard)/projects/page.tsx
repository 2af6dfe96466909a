import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("shell.projects");
  return { title: t("title") };
}

export default async function ProjectsPage() {
  await requireSession();
  const t = await getTranslations("shell.projects");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card title={t("emptyTitle")} description={t("emptyDescription")} />
    </>
  );
}
