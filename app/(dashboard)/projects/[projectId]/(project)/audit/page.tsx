import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuditEventList, AuditPager } from "@/components/audit/event-list";
import { Card } from "@/components/ui/card";
import { decodeAuditCursor, listVisibleEvents } from "@/lib/audit/read-events";
import { projectPage } from "@/lib/projects/access";

type Props = { params: Promise<{ projectId: string }>; searchParams: Promise<{ older?: string | string[]; newer?: string | string[] }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("projects.audit"))("title") };
}

const PAGE_SIZE = 25;

/**
 * The project's audit log (owners and admins): the page refuses anyone else, and the query reads
 * only what the viewer's audit scope allows (lib/audit/scope.ts), so both have to agree.
 */
export default async function ProjectAuditPage({ params, searchParams }: Props) {
  const { project, session } = await projectPage((await params).projectId, "admin");
  const search = await searchParams;
  const cursor = decodeAuditCursor("newer", search.newer) ?? decodeAuditCursor("older", search.older);
  const [page, t] = await Promise.all([
    listVisibleEvents(session.userId, { projectId: project.id, cursor, limit: PAGE_SIZE }),
    getTranslations("projects.audit"),
  ]);
  return (
    <Card title={t("title")} description={t("description")}>
      <AuditEventList events={page.events} label={t("listTitle")} people />
      <AuditPager path={`/projects/${project.id}/audit`} older={page.older} newer={page.newer} />
    </Card>
  );
}
