import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuditEventList, AuditPager } from "@/components/audit/event-list";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { decodeAuditCursor, listVisibleEvents } from "@/lib/audit/read-events";
import { requireSession } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("security.log"))("title") };
}

const PAGE_SIZE = 25;

type Search = { older?: string | string[]; newer?: string | string[] };

/** The person's own security log, in full: every event about their account, 25 at a time. */
export default async function SecurityLogPage({ searchParams }: { searchParams: Promise<Search> }) {
  const session = await requireSession();
  const search = await searchParams;
  const cursor = decodeAuditCursor("newer", search.newer) ?? decodeAuditCursor("older", search.older);
  const [page, t] = await Promise.all([
    listVisibleEvents(session.userId, { subjectId: session.userId, cursor, limit: PAGE_SIZE }),
    getTranslations("security.log"),
  ]);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/security" className="text-brand-700 hover:underline">
          ← {t("back")}
        </Link>
      </p>
      <PageHeader title={t("title")} description={t("description")} />
      <Card title={t("listTitle")}>
        <AuditEventList events={page.events} label={t("listTitle")} />
        <AuditPager path="/security/log" older={page.older} newer={page.newer} />
      </Card>
    </>
  );
}
