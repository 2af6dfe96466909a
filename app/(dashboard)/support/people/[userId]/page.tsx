import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuditEventList } from "@/components/audit/event-list";
import { PersonFacts } from "@/components/audit/person/person-facts";
import { PersonDevices } from "@/components/audit/person/person-devices";
import { PersonActions } from "@/components/support/person-actions";
import { Card } from "@/components/ui/card";
import { AppError } from "@/lib/errors";
import { getPersonForSupport, PERSON_RECENT } from "@/lib/support/person";
import { supportPage } from "@/lib/support/support-access";

type Props = { params: Promise<{ userId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("supportPeople"))("title") };
}

/** One person, as support sees them: the account, its methods and devices, projects, recent events; then what support can do. */
export default async function SupportPersonPage({ params }: Props) {
  const { user: viewer } = await supportPage();
  const { userId } = await params;
  const person = await getPersonForSupport(viewer.id, userId).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const t = await getTranslations("supportPeople");
  return (
    <div className="space-y-6">
      <div>
        <p className="mb-2 text-sm">
          <Link href="/support" className="text-brand-700 hover:underline">
            ← {t("back")}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900">{person.user.name}</h1>
        <p className="mt-1 text-sm break-all text-slate-600">{person.user.email}</p>
      </div>
      <PersonFacts person={person} />
      <PersonDevices sessions={person.sessions} trustedComputers={person.trustedComputers} />
      <Card
        title={t("events.title")}
        description={t("events.description", { count: PERSON_RECENT })}
        actions={
          <Link href={`/support?email=${encodeURIComponent(person.user.email)}`} className="text-sm font-medium break-all text-brand-700 hover:underline">
            {t("events.all", { email: person.user.email })}
          </Link>
        }
      >
        <AuditEventList events={person.events} label={t("events.listLabel")} people="others" href={(id) => `/support/events/${id}`} />
      </Card>
      {/* PersonActions brings its own "Actions" heading (it also stands alone on the Resets tab). */}
      <div className="rounded-lg border-2 border-dashed border-slate-300 bg-slate-50 p-5">
        <p className="mb-4 text-sm text-slate-600">{t("actions.description")}</p>
        <PersonActions userId={person.user.id} />
      </div>
    </div>
  );
}
